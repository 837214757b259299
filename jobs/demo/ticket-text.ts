/**
 * Ticket subjects with their descriptions, in the words customers use for each hotspot topic.
 * Kept as pairs so a ticket's description is about what its subject says; the first entries
 * follow the order of the topic's call variants in phrases.ts, so a ticket and the call that
 * opened it describe the same problem. {placeholders} are filled per ticket by Details.
 */
import type { Category, Language } from "./catalog";

/** [subject, description] */
export type TicketText = readonly [string, string];

export const TICKET_TEXT: Record<Category, Record<Language, readonly TicketText[]>> = {
  login_account: {
    zh: [
      ["无法登录控制台，提示{code}", "从{time}开始，主账号登录控制台一直提示“{code}”，已经尝试重置密码仍然不行，影响运维同事处理线上问题，请尽快协助。"],
      ["RAM子账号登录失败：{code}", "我们公司有{count}个RAM子账号，今天其中几个突然无法登录，报错{code}，权限策略最近没有修改过。"],
      ["MFA设备丢失，无法登录账号", "之前绑定MFA的手机丢了，现在无法通过二次验证，请问如何解绑？营业执照和法人身份证都已准备好。"],
      ["账号被锁定，申请解锁", "多次输错密码后账号被锁定，现在找回密码收不到短信验证码，账号ID {uid}。"],
      ["注册手机号已停用，需要更换绑定手机", "公司原来的负责人离职了，账号绑定的是他的手机号，现在已经停用，请问怎么更换绑定手机？账号ID {uid}。"],
      ["AccessKey 疑似泄露，需要紧急禁用并重置", "我们在 GitHub 公开仓库里发现了自己的 AccessKey，担心被盗用，请协助确认最近是否有异常调用，并指导如何轮换。"],
    ],
    en: [
      ["Cannot log in to the console: {code}", "Since {time} our main account cannot sign in to the console; the error is \"{code}\". A password reset did not help and our on-call team is blocked."],
      ["RAM user sign-in fails with {code}", "{count} of our RAM users suddenly fail to log in with {code}. We have not changed any policies recently."],
      ["Lost MFA device, locked out of the account", "The phone with our MFA app was lost. How can we unbind MFA? We can provide the business licence."],
      ["Account locked after too many password attempts", "Account {uid} was locked after several wrong passwords and the reset SMS never arrives."],
      ["Need to change the phone number bound to our account", "The phone number on account {uid} belonged to a colleague who left. How do we change it?"],
    ],
  },
  network_latency: {
    zh: [
      ["{region} ECS 访问延迟高，ping 值达到 {ms}ms", "实例 {inst}（公网IP {ip}）从{time}开始延迟明显升高，平均 {ms}ms，丢包约 {loss}%，mtr 显示在运营商出口附近抖动，请帮忙排查。"],
      ["CDN 加速域名 {domain} 访问慢，部分地区超时", "App 用户反馈页面加载很慢，CDN 域名 {domain} 在华南、西南地区回源超时，报错 {code}。"],
      ["VPC 内网互通丢包严重（约{loss}%）", "同一个VPC下的两台实例之间内网 ping 丢包约 {loss}%，数据库连接经常断开，实例 {inst}。"],
      ["SLB 后端间歇性超时 {code}", "负载均衡后端间歇性返回 {code}，后端服务器负载很低，怀疑 SLB 到后端的网络有问题。"],
      ["跨地域访问延迟突然升高", "从{region}访问我们的服务延迟从平时 {ms2}ms 升到 {ms}ms，用户投诉卡顿，请确认线路是否有问题。"],
    ],
    en: [
      ["High latency to ECS in {region}: {ms} ms", "Instance {inst} ({ip}) has shown high latency since {time}: about {ms} ms on average and {loss}% packet loss. mtr shows jitter near the carrier edge."],
      ["CDN domain {domain} slow, timeouts in some provinces", "Users report slow page loads; origin fetches for {domain} time out with {code}."],
      ["Packet loss ({loss}%) between instances in the same VPC", "Two instances in the same VPC lose packets on the private network ({inst}); database connections keep dropping."],
      ["SLB returns {code} intermittently", "Our SLB returns {code} now and then although the backend servers are healthy and lightly loaded."],
      ["Cross-region latency suddenly higher", "Latency from {region} went from the usual {ms2} ms to {ms} ms. Please check the network path."],
    ],
  },
  outage: {
    zh: [
      ["【紧急】{region} 业务全部中断，实例无法访问", "{time}开始，我们在{region}的服务全部无法访问，实例 {inst} 无法 SSH 登录，监控显示网络流量掉零。这是生产环境，每分钟都在损失，请立即处理！"],
      ["RDS 实例 {db} 连接不上，线上业务受影响", "RDS {db} 主库连接失败（{code}），应用大量报错，请确认是否为平台故障。"],
      ["SLB 健康检查全部失败，网站打不开", "负载均衡后端 {count} 台服务器健康检查全部失败（{code}），但服务器本身运行正常，网站已经打不开了。"],
      ["ECS 实例 {inst} 宕机，控制台显示已停止", "实例 {inst} 在{time}突然宕机，控制台显示已停止，尝试启动失败，报错 {code}，这是我们的核心业务机器。"],
    ],
    en: [
      ["[URGENT] Production down in {region}, instances unreachable", "Since {time} all our services in {region} are unreachable. SSH to {inst} fails and monitoring shows traffic dropped to zero. This is production, please escalate now."],
      ["Cannot connect to RDS {db}, production impacted", "The primary of RDS {db} refuses connections ({code}); our application is throwing errors. Is this a platform incident?"],
      ["All SLB health checks failing, site is down", "All {count} backend servers behind our SLB fail health checks ({code}) although the servers themselves are healthy."],
      ["ECS instance {inst} went down, console shows Stopped", "Instance {inst} went down {time}. The console shows Stopped and starting it fails with {code}. It is our core production server."],
    ],
  },
  ddos_security: {
    zh: [
      ["IP {ip} 遭受DDoS攻击被黑洞", "公网IP {ip} 从{time}开始被黑洞，攻击流量峰值约 {gbps}Gbps，请问多久能解封？能否临时升级高防？"],
      ["服务器疑似被入侵，发现挖矿进程", "实例 {inst} CPU 长时间100%，top 里看到可疑进程 kdevtmpfsi，怀疑被挖矿，请协助排查入侵路径。"],
      ["安全中心告警：异地异常登录 {ip}", "安全中心提示我们的账号在异地（{ip}）登录，我们没有这个操作，担心 AccessKey 泄露。"],
      ["网站被CC攻击，QPS 暴涨", "网站 {domain} 从{time}开始被CC攻击，QPS 是平时的几十倍，WAF 规则怎么配置？"],
    ],
    en: [
      ["IP {ip} blackholed after a DDoS attack", "Public IP {ip} has been blackholed since {time}; peak attack traffic was about {gbps} Gbps. When will it be released? Can we upgrade to Anti-DDoS Pro temporarily?"],
      ["Server compromised, crypto-mining process found", "Instance {inst} runs at 100% CPU with a suspicious process kdevtmpfsi. We think it is mining malware; please help find the entry point."],
      ["Security alert: suspicious login from {ip}", "Security Center reports a login from {ip} that we did not make. We are worried an AccessKey leaked."],
      ["CC attack on our website, QPS spiking", "{domain} has been under a CC attack since {time}, QPS is dozens of times normal. How should we configure WAF?"],
    ],
  },
  billing_invoice: {
    zh: [
      ["账单金额与实际使用不符，多扣费 {amount} 元", "我们{month}的账单是 {amount} 元，按实际用量估算应该少很多，费用明细里有一项 {product} 流量费看不懂，请帮忙核对。"],
      ["发票抬头开错，申请重开增值税专用发票", "上月申请的增值税专用发票抬头写错了，需要作废重开，订单号 {order}。"],
      ["账户欠费停机，已充值但服务未恢复", "账户欠费后实例被停机，我们已经充值了 {amount} 元，但实例还是停止状态。"],
      ["如何申请{month}的增值税发票", "财务要求本周内拿到{month}的增值税专用发票，开票信息已经认证过了，但申请按钮是灰色的。"],
      ["包年包月续费价格疑问", "续费时价格比去年贵了不少，想了解包年包月有没有折扣，账号ID {uid}。"],
    ],
    en: [
      ["Bill does not match usage: overcharged {amountEn}", "Our bill for {monthEn} is {amountEn}, far more than our usage suggests. There is a {product} traffic line item we do not understand."],
      ["Invoice issued with the wrong company name, please reissue", "The VAT invoice for order {order} has the wrong company name; please void and reissue it."],
      ["Services suspended for overdue payment although we topped up", "Instances were stopped for an overdue balance. We topped up {amountEn} but they are still stopped."],
      ["How do we get the VAT invoice for {monthEn}?", "Our finance team needs the {monthEn} invoice this week but the request button is greyed out."],
    ],
  },
  storage_expansion: {
    zh: [
      ["云盘扩容后文件系统大小没有变化", "实例 {inst} 的数据盘已经在控制台扩容到 {size}GB，但 df -h 看到的还是原来大小，是否需要重启？"],
      ["OSS Bucket {bucket} 容量告警，申请提高配额", "OSS Bucket {bucket} 存储量已到 {tb}TB，上传开始报错 {code}。"],
      ["RDS 存储空间即将用满，如何在线扩容", "RDS {db} 存储使用率已经 {pct}%，业务高峰期快到了，想在不停机的情况下扩容。"],
      ["系统盘扩容到 {size}GB 失败，提示 {code}", "实例 {inst} 的系统盘扩容到 {size}GB 时失败，提示 {code}，实例是运行状态。"],
    ],
    en: [
      ["Disk resized but the file system still shows the old size", "The data disk of {inst} was resized to {size} GB in the console but df -h still shows the old size. Do we need a reboot?"],
      ["OSS bucket {bucket} near quota, please raise it", "Bucket {bucket} holds {tb} TB and uploads now fail with {code}."],
      ["RDS storage almost full, how to expand online?", "RDS {db} storage is {pct}% used and our peak season is coming. Can we expand without downtime?"],
      ["Expanding the system disk to {size} GB fails: {code}", "Resizing the system disk of {inst} to {size} GB fails with {code} while the instance is running."],
    ],
  },
  performance: {
    zh: [
      ["ECS 实例 CPU 持续 100%，业务卡顿", "实例 {inst} 从{time}开始 CPU 一直 100%，负载没有明显增加，应用响应很慢，请协助分析是否宿主机问题。"],
      ["RDS 慢查询增多，响应时间从 {ms2}ms 涨到 {ms}ms", "RDS {db} 最近慢查询很多，接口平均响应从 {ms2}ms 涨到 {ms}ms，已经加了索引，效果不明显。"],
      ["Kubernetes 集群 {cluster} Pod 频繁 OOMKilled", "ACK 集群 {cluster} 里的 Pod 频繁被 OOMKilled，节点内存使用率并不高。"],
      ["云盘 IOPS 达到上限，读写很慢", "ESSD 云盘 IOPS 监控一直顶在上限，业务高峰期读写延迟很高，是否需要升级规格？"],
      ["数据库连接数打满：{code}", "RDS {db} 高峰期连接数打满，应用报 {code}，请问连接数上限能否临时调大？"],
    ],
    en: [
      ["ECS instance stuck at 100% CPU, application sluggish", "Since {time} instance {inst} has been at 100% CPU without more traffic; responses are very slow. Could it be the host?"],
      ["RDS slow queries: response time up from {ms2} ms to {ms} ms", "Slow queries on RDS {db}: average API latency went from {ms2} ms to {ms} ms. Adding indexes did not help much."],
      ["Pods in cluster {cluster} keep getting OOMKilled", "Pods in ACK cluster {cluster} are OOMKilled repeatedly even though node memory usage is low."],
      ["Cloud disk hitting its IOPS limit", "The ESSD disk on {inst} sits at its IOPS limit at peak and read/write latency is high. Do we need a bigger disk?"],
    ],
  },
  refund: {
    zh: [
      ["申请退款：误购 {product} 包年实例", "不小心购买了一年期的 {product} 实例（订单 {order}），还没有使用，申请全额退款。"],
      ["退订后退款一直未到账", "上周退订了实例，系统显示退款 {amount} 元，但到现在还没有到账。"],
      ["重复扣款 {amount} 元，要求退还", "同一笔订单 {order} 被扣了两次款，共 {amount} 元，请尽快退回。"],
      ["服务不可用期间的费用申请赔付", "上个月服务中断了好几个小时，按照SLA申请赔付代金券。"],
    ],
    en: [
      ["Refund request: {product} subscription bought by mistake", "We bought a one-year {product} subscription by mistake (order {order}) and never used it. Please refund in full."],
      ["Refund after unsubscribing has not arrived", "We unsubscribed last week; the console shows a refund of {amountEn} but nothing has arrived."],
      ["Charged twice ({amountEn}), please refund", "Order {order} was charged twice, {amountEn} in total. Please refund the duplicate."],
      ["SLA credit request for last month's downtime", "Our service was down for several hours last month. We would like the SLA credit."],
    ],
  },
  api_sdk: {
    zh: [
      ["调用 {api} 接口返回 {code}", "使用 {sdk} 调用 {api} 一直返回 {code}，AccessKey 已确认正确，服务器时间也同步过。"],
      ["{sdk} 上传大文件超时", "用 {sdk} 分片上传 5GB 以上的文件经常超时，请问推荐的分片大小和并发数是多少？"],
      ["API 调用被限流 Throttling.User", "批量任务调用 {api} 时被限流，报错 Throttling.User，能否提高QPS配额？"],
      ["OpenAPI 签名校验失败", "自己实现的签名算法调用 {api} 返回 SignatureDoesNotMatch，对照文档检查了好几遍，找不到问题。"],
      ["Terraform 创建资源报错 {code}", "用 Terraform 创建实例时报错 {code}，同样的配置上周还可以正常执行。"],
    ],
    en: [
      ["{api} returns {code}", "Calling {api} with {sdk} always returns {code}. The AccessKey is correct and the server clock is synced."],
      ["{sdk}: large uploads time out", "Multipart uploads of files over 5 GB with {sdk} keep timing out. What part size and concurrency do you recommend?"],
      ["API calls throttled (Throttling.User)", "Our batch job is throttled when calling {api}. Can the QPS quota be raised?"],
      ["OpenAPI signature check fails", "Our own signing code gets SignatureDoesNotMatch from {api}. We compared it with the docs several times."],
    ],
  },
  service_complaint: {
    zh: [
      ["投诉：工单处理太慢，三天没有回复", "我们提交的工单三天了还没有实质性回复，每次都让我们等，业务一直受影响，要求给个明确的处理时间。"],
      ["对客服服务态度不满意", "昨天电话里的客服态度很差，问题没解决还让我们自己去看文档，希望你们重视服务质量。"],
      ["问题反复出现，要求给出书面说明", "同样的问题这个月已经出现第三次了，要求提供故障原因分析报告（RCA）。"],
      ["电话一直打不通，等待时间太长", "打了好几次客服电话，每次排队都超过十分钟，最后只能提工单。"],
    ],
    en: [
      ["Complaint: ticket ignored for three days", "Our ticket has had no real answer for three days and our business is affected. We want a clear resolution time."],
      ["Unhappy with the support engineer's attitude", "The engineer on yesterday's call was dismissive and told us to read the docs. Please take service quality seriously."],
      ["Same problem again, we want a written RCA", "This is the third time this month. We require a written root-cause analysis."],
      ["Could not get through on the phone", "We called several times and waited over ten minutes each time before giving up."],
    ],
  },
};

/** What customers wrote during the planted incidents (see spikes.ts). */
export const SPIKE_TICKET_TEXT: Record<string, Partial<Record<Category, Record<Language, readonly TicketText[]>>>> = {
  "east2-network-outage": {
    outage: {
      zh: [
        ["【紧急】华东2（上海）大面积断网，业务全部中断", "从{time}开始，我们部署在华东2（上海）的实例全部断网，丢包 100%，网站和 App 全部宕机。状态页还显示正常？到底什么时候恢复？损失谁来承担！"],
        ["上海地域实例全部宕机，是不是机房故障？", "华东2 的 {inst} 和 RDS {db} 同时连不上，SLB 报 {code}，我们怀疑是你们机房网络故障，请立即确认并给出恢复时间。"],
        ["华东2 ECS 无法访问，丢包100%", "上海地域的实例全部 ping 不通，丢包 100%，整个业务宕机，客户都在投诉，请马上升级到最高优先级处理！"],
        ["上海可用区断网，线上服务全挂了", "上海可用区又断网了，宕机已经一个多小时，我们的线上服务全部不可用，请给出故障说明和恢复时间。"],
      ],
      en: [
        ["[URGENT] Network down in cn-east-2 (Shanghai), all services offline", "Since {time} every instance we run in cn-east-2 lost network connectivity (100% packet loss). Our site and app are down and your status page says everything is fine. When will this be fixed?"],
        ["Whole Shanghai region unreachable, is this a data-centre outage?", "{inst} and RDS {db} in Shanghai are both unreachable and the SLB returns {code}. Please confirm the incident and give us an ETA."],
        ["cn-east-2 instances down, 100% packet loss", "None of our cn-east-2 instances answer ping, 100% packet loss. Production has been down for over an hour."],
      ],
    },
    network_latency: {
      zh: [
        ["上海地域网络丢包严重，延迟飙升到 {ms}ms", "华东2（上海）访问延迟从平时 {ms2}ms 飙到 {ms}ms，丢包 {loss}%，用户大量投诉卡顿，时断时续。"],
        ["华东2 网络抖动，业务频繁超时", "上海地域内网和公网都在丢包，{inst} 到 RDS 的连接频繁超时（{code}），请确认是否有网络故障。"],
        ["上海节点延迟异常，丢包 {loss}%", "从{time}开始华东2 的延迟和丢包都很严重，断断续续，业务基本不可用。"],
      ],
      en: [
        ["Severe packet loss in Shanghai region, latency {ms} ms", "Latency in cn-east-2 jumped from {ms2} ms to {ms} ms with {loss}% packet loss. Connections drop on and off."],
        ["cn-east-2 network jitter causing timeouts", "Both private and public traffic in Shanghai are losing packets; {inst} to RDS keeps timing out ({code})."],
      ],
    },
  },
  "billing-rule-change": {
    billing_invoice: {
      zh: [
        ["计费规则变更后扣费暴涨，账单多出 {amount} 元", "你们调整了{product}的计费规则，我们没有收到任何通知，本月账单比上月多了 {amount} 元，扣费明细里多了“公网流量按量计费”项目，请解释。"],
        ["没有收到计费规则变更通知就被多扣费", "计费规则变更后同样的用量扣费翻倍，账单和发票金额对不上，订单 {order}，请核实。"],
        ["本月账单异常，{product} 流量费翻了好几倍", "今天收到欠费提醒，查了账单发现 {product} 新增了很多按量计费的扣费项，规则什么时候改的？"],
        ["要求解释新的计费规则，账单看不懂", "新的计费规则下账单完全看不懂，同样的用量多扣了 {amount} 元，请给出详细的计费说明。"],
      ],
      en: [
        ["Unexpected charge of {amountEn} after the billing rule change", "You changed how {product} traffic is billed and we received no notice. This month's bill is {amountEn} higher with a new pay-as-you-go line item. Please explain."],
        ["Bill doubled this month, no notice of the pricing change", "Same usage, double the charge after the billing rule change. The invoice does not match the bill (order {order})."],
        ["Invoice shows new line items after the pricing update", "Our invoice has new {product} traffic line items since the pricing update, {amountEn} more than last month."],
      ],
    },
    refund: {
      zh: [
        ["计费规则变更导致多扣费 {amount} 元，申请退款", "因计费规则变更多扣了 {amount} 元，我们事先没有收到通知，要求全额退款，原路退回。"],
        ["要求退还新计费规则产生的费用", "新计费规则生效后被扣了 {amount} 元的按量流量费，要求退还并恢复原来的计费方式。"],
      ],
      en: [
        ["Refund the charges caused by the billing change ({amountEn})", "We were charged {amountEn} extra because of the billing rule change without notice. Please refund it to the original payment method."],
      ],
    },
  },
};
