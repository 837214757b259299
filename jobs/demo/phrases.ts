/**
 * What gets said on calls and chats: per-topic lines for each step of a contact, and the
 * standard script lines (greeting, identity check, closing) that QA checks for.
 */
import type { Category, Language } from "./catalog";

export interface TopicLines {
  /** Customer states the problem. Each list below is aligned with this one by index (modulo its
   * length), so the agent's questions and fix match the problem raised. */
  problem: readonly string[];
  /** Agent asks for the particulars. */
  probe: readonly string[];
  /** Customer answers. */
  detail: readonly string[];
  /** Agent's resolution or next step. */
  fix: readonly string[];
  /** Extra question-and-answer pairs (customer, agent[, only for this problem variant]). */
  extra: readonly (readonly [string, string, number?])[];
  /** What the chatbot answers for this topic. */
  bot: readonly string[];
}

export const TOPIC_LINES: Record<Category, Record<Language, TopicLines>> = {
  login_account: {
    zh: {
      problem: [
        "你好，我们的主账号登录控制台一直提示{code}，密码已经重置过了还是不行。",
        "我这边有几个子账号突然登录不了，报错{code}，很着急。",
        "我绑定MFA的手机丢了，现在登不进控制台了，怎么办？",
      ],
      probe: [
        "请问是主账号还是RAM子账号？最近有没有修改过登录策略或者开启了IP白名单？",
        "您最后一次成功登录大概是什么时候？报错是在输入密码之后还是在二次验证的时候出现？",
      ],
      detail: [
        "是主账号，昨天还能正常登录，今天早上就不行了。",
        "是子账号，一共有{count}个，策略我们没动过。",
        "二次验证那一步，手机丢了收不到验证码。",
      ],
      fix: [
        "我看到您的账号因为多次密码错误被临时锁定了，我这边已经帮您提交解锁，大约五分钟后生效，建议您登录后开启MFA并修改密码。",
        "子账号的登录策略里限制了登录IP，您公司出口IP变了所以被拦截，请主账号在RAM控制台更新一下允许的IP段就可以了。",
        "MFA解绑需要提交实名材料审核，我现在给您发一个申请链接，上传营业执照和法人身份证照片后一般一个工作日内处理完成。",
      ],
      extra: [
        ["那解锁之后需要重新配置AccessKey吗？", "不需要，AccessKey不受影响，不过建议您定期轮换。", 0],
        ["审核期间我们的服务会受影响吗？", "不会的，只是暂时无法登录控制台，实例和API调用都正常运行。", 2],
      ],
      bot: [
        "您可以在登录页点击“忘记密码”，通过注册手机号验证后重置密码；如果是子账号，请联系主账号管理员在RAM控制台重置。",
      ],
    },
    en: {
      problem: [
        "Hi, our main account can't log in to the console, it keeps saying {code}. We already reset the password.",
        "Several of our RAM users suddenly can't sign in, the error is {code}.",
        "I lost the phone with our MFA app and now I'm locked out of the console.",
      ],
      probe: [
        "Is that the root account or RAM users? Have you changed any login policy or IP allow-list recently?",
        "When did you last log in successfully, and does the error appear after the password or at the MFA step?",
      ],
      detail: [
        "It's the root account. It worked yesterday and this morning it stopped.",
        "RAM users, {count} of them. We haven't touched the policies.",
        "At the MFA step, I can't get the code without the phone.",
      ],
      fix: [
        "I can see the account was temporarily locked after several wrong passwords. I've requested an unlock, it should take effect in about five minutes. Please enable MFA and change the password afterwards.",
        "The RAM login policy only allows certain source IPs and your office IP has changed. The root account can update the allowed range in the RAM console.",
        "Removing MFA needs an identity review. I'm sending you a form link; once you upload the business licence it is usually done within one working day.",
      ],
      extra: [
        ["Do we need to rotate the AccessKeys after that?", "Not necessarily, they're unaffected, but regular rotation is good practice."],
      ],
      bot: ["You can reset the password from the sign-in page using 'Forgot password'. For RAM users, ask the root account administrator to reset it in the RAM console."],
    },
  },
  network_latency: {
    zh: {
      problem: [
        "你好，我们在{region}的服务器从{time}开始延迟特别高，ping要{ms}毫秒，还丢包。",
        "我们CDN的域名{domain}访问很慢，好多用户说打不开。",
        "同一个VPC里两台机器内网互相ping都丢包，数据库连接老是断。",
      ],
      probe: [
        "请您提供一下实例ID和出问题的客户端IP，方便的话发一份mtr的测试结果。",
        "请问是所有地区的用户都慢，还是集中在某些省份和运营商？",
      ],
      detail: [
        "实例是{inst}，公网IP {ip}，丢包大概{loss}%。",
        "主要是华南和西南的电信用户，北方还好。",
        "mtr结果我已经发到工单里了，第五跳开始丢包。",
      ],
      fix: [
        "我查到该线路在运营商骨干网有拥塞，我们已经切换了BGP路由，您再测一下，延迟应该回到正常水平了。",
        "CDN在这几个省份的节点回源超时，我已经帮您调整了回源策略并刷新了缓存，大概十分钟后生效。",
        "是实例所在宿主机网卡异常导致的丢包，我们建议您在业务低峰期做一次热迁移，我这边给您提交迁移申请。",
      ],
      extra: [
        ["那以后会不会再出现这种情况？", "我们会持续监控这条线路，如果再出现可以直接在工单里补充mtr结果，会优先处理。"],
        ["迁移的时候会断网吗？", "热迁移过程中会有秒级的网络抖动，不会重启实例。", 2],
      ],
      bot: ["网络延迟可以先使用“网络诊断”工具自助检测，或在实例内执行mtr命令，将结果提交工单以便工程师分析。"],
    },
    en: {
      problem: [
        "Hi, our servers in {region} have had very high latency since {time}, around {ms} ms, with packet loss.",
        "Our CDN domain {domain} is really slow, users say pages don't load.",
        "Two instances in the same VPC are losing packets to each other, the database keeps disconnecting.",
      ],
      probe: [
        "Could you give me the instance ID and a client IP that sees the problem? An mtr report would help a lot.",
        "Is it slow for all users or mainly in certain provinces or carriers?",
      ],
      detail: [
        "The instance is {inst}, public IP {ip}, packet loss around {loss}%.",
        "Mostly users in South China on China Telecom.",
      ],
      fix: [
        "There was congestion on the carrier backbone for that route. We've switched the BGP path, please test again, latency should be back to normal.",
        "The CDN nodes in those provinces were timing out on origin fetch. I've adjusted the origin policy and refreshed the cache; it takes about ten minutes.",
      ],
      extra: [["Will this happen again?", "We'll keep monitoring the route. If it does, add an mtr report to the ticket and it gets priority."]],
      bot: ["You can run the Network Diagnostics tool or mtr from the instance and attach the result to a ticket so an engineer can analyse it."],
    },
  },
  outage: {
    zh: {
      problem: [
        "我们的业务全挂了！{region}的实例全部访问不了，SSH也连不上。",
        "RDS主库连不上了，报{code}，线上全是报错。",
        "负载均衡后面的服务器健康检查全部失败，网站打不开了。",
      ],
      probe: [
        "非常抱歉，请您提供受影响的实例ID，我马上确认是否是平台侧的问题。",
        "请问故障是从几点开始的？控制台上实例状态显示什么？",
      ],
      detail: [
        "实例是{inst}，控制台显示运行中，但是完全ping不通。",
        "数据库是{db}，应用那边全是连接超时。",
        "大概{time}开始的，监控流量一下子掉到零。",
      ],
      fix: [
        "已经确认是该可用区一台宿主机故障，实例已经自动迁移到健康宿主机，现在应该恢复了，请您确认一下业务。",
        "RDS已经完成主备切换，现在可以连接了，切换期间大约有三十秒的中断。",
        "我已经为您升级为P1故障，二线工程师正在处理，恢复后会第一时间电话通知您，并在工单里提供故障报告。",
      ],
      extra: [
        ["这次故障的损失怎么算？", "故障恢复后我们会出具故障报告，符合SLA赔付条件的会按协议发放代金券。"],
        ["大概多久能恢复？", "工程师预计三十分钟内恢复，我们每十五分钟会同步一次进展。", 2],
      ],
      bot: ["检测到您反馈的是服务不可用问题，已为您优先转接人工工程师。"],
    },
    en: {
      problem: [
        "Everything is down! None of our instances in {region} respond and SSH doesn't connect.",
        "We can't connect to the RDS primary, {code}, production is throwing errors everywhere.",
        "All health checks behind our load balancer are failing, the website is down.",
      ],
      probe: [
        "I'm very sorry. Could you give me the affected instance IDs so I can check whether it's on our side?",
        "When did it start, and what does the console show as the instance status?",
      ],
      detail: [
        "The instance is {inst}. The console says running but it doesn't even ping.",
        "Around {time}, traffic dropped to zero on our dashboards.",
      ],
      fix: [
        "We've confirmed a host failure in that zone. Your instance was migrated automatically and should be reachable now, please verify.",
        "I've raised this as a P1 incident and our second-line engineers are on it. We'll call you as soon as it's restored and post an incident report to the ticket.",
      ],
      extra: [["How long until it's back?", "The engineers expect recovery within thirty minutes, and we'll update you every fifteen minutes.", 1]],
      bot: ["This looks like a service outage, so I'm connecting you to an engineer right away."],
    },
  },
  ddos_security: {
    zh: {
      problem: [
        "我们的IP {ip}被黑洞了，网站完全打不开，是不是被攻击了？",
        "服务器CPU一直百分之百，发现一个奇怪的进程，怀疑被挖矿了。",
        "安全中心提示有异地登录，我们自己没有登录过。",
      ],
      probe: [
        "请问被黑洞的时间和IP确认一下，您目前是否购买了DDoS高防？",
        "方便提供一下实例ID吗？我看一下安全中心的告警详情。",
        "请问告警里的登录IP是多少？AccessKey有没有写在代码或者配置文件里？",
      ],
      detail: [
        "IP是{ip}，{time}开始的，我们只有基础防护。",
        "实例是{inst}，进程叫kdevtmpfsi。",
        "告警显示是{ip}，凌晨登录的，我们公司没人在那边，AccessKey确实写在配置文件里。",
      ],
      fix: [
        "攻击流量峰值约{gbps}Gbps，超过了基础防护的阈值，黑洞会在攻击停止后自动解除，一般两个半小时左右；建议您接入DDoS高防，我把配置文档发给您。",
        "这是典型的挖矿木马，入侵途径是Redis未授权访问，建议先隔离实例、快照备份后重装系统，并修改所有密钥。",
        "我已经帮您冻结了可疑的AccessKey，请尽快为账号开启MFA并检查操作审计日志。",
      ],
      extra: [["能不能提前解除黑洞？", "黑洞解除次数有限，需要在攻击停止后申请，我可以帮您提交一次提前解封申请。", 0]],
      bot: ["关于DDoS黑洞，您可以在“DDoS防护”控制台查看黑洞状态和预计解封时间。"],
    },
    en: {
      problem: [
        "Our IP {ip} has been blackholed and the site is unreachable. Are we under attack?",
        "One server is at 100% CPU with a strange process, we think it's a crypto miner.",
        "Security Center says there was a login from an unknown location, it wasn't us.",
      ],
      probe: [
        "Can you confirm the IP and when it was blackholed? Do you have Anti-DDoS Pro?",
        "Could you share the instance ID so I can look at the alert details?",
        "Which IP does the alert show, and is any AccessKey stored in code or config files?",
      ],
      detail: [
        "The IP is {ip}, since {time}, we only have the basic protection.",
        "The instance is {inst}, the process is called kdevtmpfsi.",
        "It says {ip}, around 3 am. Nobody on our team is there, and yes, a key is in a config file.",
      ],
      fix: [
        "The attack peaked at about {gbps} Gbps, above the basic protection threshold. The blackhole is lifted automatically once the attack stops, usually within two and a half hours. I'd recommend Anti-DDoS Pro; I'll send you the guide.",
        "That's a known mining trojan, it usually gets in through an unauthenticated Redis. Isolate the instance, snapshot it, reinstall and rotate all keys.",
        "I've disabled the suspicious AccessKey. Please enable MFA, create a new key, and review the ActionTrail logs for what it was used for.",
      ],
      extra: [],
      bot: ["You can see the blackhole status and expected release time in the Anti-DDoS console."],
    },
  },
  billing_invoice: {
    zh: {
      problem: [
        "你好，我想问一下{month}的账单，怎么扣了{amount}元，比平时多很多。",
        "我们的发票抬头开错了，需要重新开一张专票。",
        "账户欠费停机了，我已经充值了，怎么服务还没恢复？",
      ],
      probe: [
        "好的，我帮您查一下费用明细，请问是哪个产品的费用有疑问？",
        "请提供一下订单号和正确的开票信息。",
        "请问充值是什么时候完成的？方便提供一下被停机的实例ID吗？",
      ],
      detail: [
        "主要是{product}的流量费，以前一个月才几百块。",
        "订单号是{order}，抬头应该是我们公司全称。",
        "刚刚充了{amount}元，余额已经是正的了。",
      ],
      fix: [
        "我看到这个月公网流量比上月增长了三倍，主要集中在{time}之后，可能是有突发访问或者被盗刷，建议您开启CDN防盗链并设置费用预警。",
        "专票重开需要先把原发票退回作废，我已经给您提交了重开申请，新的发票预计五个工作日内寄出。",
        "充值后停机实例需要手动启动，我已经帮您检查，现在可以在控制台启动实例了。",
      ],
      extra: [
        ["能设置一个费用上限吗？", "可以在费用中心设置预算预警，超过阈值会短信和邮件通知您。", 0],
        ["电子发票什么时候能下载？", "开票成功后在费用中心发票管理页面就可以下载。", 1],
      ],
      bot: ["您可以在“费用中心-发票管理”申请开具发票，增值税专用发票需要先完成开票信息认证。"],
    },
    en: {
      problem: [
        "Hi, I have a question about our bill for {monthEn}. We were charged {amountEn}, much more than usual.",
        "Our invoice has the wrong company name, we need it reissued.",
        "Our services were suspended for an overdue balance. I've topped up but they're still down.",
      ],
      probe: [
        "Sure, let me look at the cost breakdown. Which product's charges look wrong?",
        "Could you give me the order number and the correct billing details?",
        "When did the top-up go through, and which instances are still stopped?",
      ],
      detail: [
        "Mostly {product} traffic, it used to be a few hundred a month.",
        "The order is {order}, the invoice should show our full legal name.",
        "About an hour ago, {amountEn}. Instance {inst} is still stopped.",
      ],
      fix: [
        "Public traffic tripled this month compared with last month, starting around {time}. It might be a traffic surge or hotlinking; I'd suggest enabling referer protection and a budget alert.",
        "To reissue, the old invoice has to be voided first. I've submitted the request and the new invoice should be issued within five working days.",
        "After a top-up, instances stopped for an overdue balance have to be started again manually. I've checked and you can start it from the console now.",
      ],
      extra: [["Can we set a spending cap?", "You can set a budget alert in the Billing Center, it notifies you by SMS and e-mail.", 0]],
      bot: ["You can request invoices under Billing Center > Invoices. Please complete your billing profile first."],
    },
  },
  storage_expansion: {
    zh: {
      problem: [
        "我在控制台把数据盘扩容到{size}G了，但是系统里看还是原来的大小。",
        "我们OSS的Bucket快满了，上传报{code}，能不能提高配额？",
        "RDS的存储快用满了，能不能不停机扩容？",
      ],
      probe: [
        "请问是Linux还是Windows系统？分区格式是MBR还是GPT？",
        "请提供一下Bucket名称，我看一下配额设置。",
        "请提供一下RDS实例ID，我看一下当前的存储使用情况。",
      ],
      detail: ["是CentOS 7，数据盘是ext4的，实例是{inst}。", "Bucket叫{bucket}，现在大概{tb}T。", "RDS实例是{db}，已经用了{pct}%。"],
      fix: [
        "控制台扩容后还需要在系统内扩展分区和文件系统，执行growpart和resize2fs就可以，不需要重启，我把操作步骤发到您的工单里。",
        "OSS本身没有容量上限，报错是因为您设置了Bucket配额，我已经帮您调整，您可以再试一下。",
        "RDS支持在线扩容，扩容过程中业务不受影响，我已经帮您提交，大约十五分钟完成。",
      ],
      extra: [["扩容有没有数据丢失的风险？", "正常操作不会，不过建议您扩容前先创建一个快照备份。", 0]],
      bot: ["云盘扩容后需要在实例内扩展分区和文件系统，详细步骤请参考帮助文档“扩容分区和文件系统”。"],
    },
    en: {
      problem: [
        "I resized the data disk to {size} GB in the console but the OS still shows the old size.",
        "Our OSS bucket is nearly full and uploads fail with {code}. Can you raise the quota?",
        "Our RDS storage is almost full. Can we expand it without downtime?",
      ],
      probe: [
        "Is it Linux or Windows, and is the partition table MBR or GPT?",
        "Could you give me the bucket name so I can check its quota?",
        "Could you give me the RDS instance ID so I can check its storage?",
      ],
      detail: ["Ubuntu 22.04, ext4 data disk, instance {inst}.", "The bucket is {bucket}, about {tb} TB now.", "It's {db}, {pct}% used."],
      fix: [
        "After resizing in the console you still need to grow the partition and file system inside the OS with growpart and resize2fs. No reboot needed; I'll put the steps in your ticket.",
        "OSS itself has no capacity limit; the error comes from a bucket quota you set. I've raised it, please try again.",
        "RDS storage can be expanded online without interrupting your application. I've submitted it, it should finish in about fifteen minutes.",
      ],
      extra: [["Is there any risk of data loss?", "Not normally, but take a snapshot first to be safe.", 0]],
      bot: ["After resizing a disk you need to extend the partition and file system inside the instance. See the guide 'Extend partitions and file systems'."],
    },
  },
  performance: {
    zh: {
      problem: [
        "我们的ECS从{time}开始CPU一直百分之百，业务特别卡。",
        "数据库最近慢查询特别多，接口响应从{ms2}毫秒涨到{ms}毫秒了。",
        "Kubernetes集群里的Pod老是被OOMKilled。",
      ],
      probe: [
        "请问实例规格是什么？是突发性能实例吗？",
        "方便提供实例ID和出现问题的时间段吗？我看一下监控。",
        "请问集群ID是多少？Pod的内存limit设置的是多少？",
      ],
      detail: ["实例是{inst}，规格是ecs.t6，应该是突发型的。", "数据库是{db}，高峰期一到就慢。", "集群是{cluster}，节点内存用了不到一半。"],
      fix: [
        "您的实例是突发性能型，CPU积分已经耗尽，所以被限制在基准性能，建议开启无性能约束模式或升级为计算型规格。",
        "我看了慢日志，主要是两条没有走索引的查询，已经把优化建议发到工单里，另外建议开启读写分离。",
        "Pod的内存limit设置得太小了，容器内Java堆加上堆外内存超过了limit，建议把limit调到2G以上。",
      ],
      extra: [["升级规格需要重启吗？", "需要重启一次，建议您在业务低峰期操作。", 0]],
      bot: ["CPU使用率高的问题，您可以在云监控查看进程级监控，或参考文档“ECS实例CPU使用率高排查”。"],
    },
    en: {
      problem: [
        "Our ECS instance has been at 100% CPU since {time}, everything is sluggish.",
        "We have a lot of slow queries lately, API latency went from {ms2} to {ms} milliseconds.",
        "Pods in our Kubernetes cluster keep getting OOMKilled.",
      ],
      probe: [
        "What's the instance type? Is it a burstable instance?",
        "Could you share the instance ID and the time window so I can check monitoring?",
        "What's the cluster ID, and what memory limit do the pods have?",
      ],
      detail: ["It's {inst}, a t6 instance, so yes, burstable.", "The database is {db}, it slows down at peak time.", "Cluster {cluster}, the limit is 512 MiB."],
      fix: [
        "Your burstable instance ran out of CPU credits and is throttled to baseline. Enable unlimited mode or move to a compute-optimised type.",
        "The slow log shows two queries without a usable index. I've added recommendations to the ticket; read/write splitting would also help.",
        "The pod memory limit is too low for the Java heap plus off-heap memory. Raise the limit to at least 2 GiB.",
      ],
      extra: [["Does changing the instance type need a reboot?", "Yes, one reboot, so please plan it off-peak.", 0]],
      bot: ["For high CPU usage, check process-level metrics in CloudMonitor or see 'Troubleshoot high CPU usage on ECS'."],
    },
  },
  refund: {
    zh: {
      problem: [
        "我不小心买错了一个包年的{product}实例，还没用过，能退款吗？",
        "上周退订的实例，退款到现在还没到账。",
        "同一个订单被扣了两次钱，{amount}元，请退给我。",
      ],
      probe: ["请提供一下订单号，我查一下退款状态。", "请问付款方式是余额还是银行卡？"],
      detail: ["订单号是{order}。", "是用银行卡付的。"],
      fix: [
        "这个订单符合五天无理由退款，我已经提交全额退款申请，款项会原路退回，一般三到五个工作日到账。",
        "退款已经处理完成，银行那边入账可能需要一到三个工作日，请您留意一下。",
        "确实存在重复扣款，我已经提交了退款，重复的{amount}元会退回到您的账户余额。",
      ],
      extra: [["退款会退到哪里？", "会原路退回，用银行卡支付的会退回到原银行卡。"]],
      bot: ["符合条件的订单可以在“费用中心-退订管理”自助退订，退款将原路退回。"],
    },
    en: {
      problem: [
        "I bought a one-year {product} subscription by mistake and never used it. Can I get a refund?",
        "We cancelled an instance last week and the refund still hasn't arrived.",
        "We were charged twice for the same order, {amountEn}. Please refund it.",
      ],
      probe: ["Could you give me the order number so I can check the refund status?", "Did you pay from the account balance or by card?"],
      detail: ["The order number is {order}.", "We paid by credit card."],
      fix: [
        "This order qualifies for the five-day no-questions refund. I've submitted a full refund to the original payment method, usually three to five working days.",
        "The refund was completed on our side; banks usually take one to three working days to credit it.",
        "The duplicate charge is confirmed and I've submitted a refund of {amountEn} to your account balance.",
      ],
      extra: [],
      bot: ["Eligible orders can be cancelled under Billing Center > Unsubscribe; refunds go back to the original payment method."],
    },
  },
  api_sdk: {
    zh: {
      problem: [
        "我们用{sdk}调用{api}一直返回{code}，AccessKey确认是对的。",
        "用SDK上传大文件老是超时，有没有推荐的配置？",
        "我们的批量任务调用API被限流了，报{code}。",
      ],
      probe: [
        "请问服务器的时间同步了吗？方便把请求ID发给我吗？",
        "请问文件大概多大？分片大小和超时时间是怎么配置的？",
        "请问每秒大概调用多少次？是单个AccessKey吗？",
      ],
      detail: ["时间是同步的，请求ID我贴在工单里了。", "文件一般8G左右，用的都是默认配置。", "高峰大概每秒两百次，用的是同一个AccessKey。"],
      fix: [
        "我查了请求日志，签名串里多编码了一次斜杠，升级到最新版本的SDK就能解决。",
        "大文件建议用分片上传，分片大小设置为8M到16M，并发数不超过10，超时时间调大到120秒。",
        "该接口默认限流是每秒100次，我已经帮您申请临时提高配额，同时建议加上指数退避重试。",
      ],
      extra: [["有没有示例代码？", "有的，我把官方示例的链接发到您的工单里。"]],
      bot: ["签名错误通常由AccessKey Secret错误、时间不同步或参数编码问题导致，建议使用最新版SDK并参考“签名机制”文档。"],
    },
    en: {
      problem: [
        "We're calling {api} with {sdk} and always get {code}. The AccessKey is definitely right.",
        "Large uploads through the SDK keep timing out. Is there a recommended configuration?",
        "Our batch job is being throttled by the API, {code}.",
      ],
      probe: [
        "Is the server clock synced? Could you send me a request ID?",
        "How big are the files, and what part size and timeout are you using?",
        "Roughly how many calls per second, and all from one AccessKey?",
      ],
      detail: ["The clock is synced, I put a request ID in the ticket.", "Around 8 GB each, default settings.", "About two hundred per second at peak, one AccessKey."],
      fix: [
        "The request log shows the slash is encoded twice in the string to sign. Upgrading to the latest SDK fixes it.",
        "Use multipart upload with 8 to 16 MB parts, at most 10 in parallel, and raise the timeout to 120 seconds.",
        "The default limit for that API is 100 per second. I've requested a temporary increase; please also add exponential backoff.",
      ],
      extra: [["Is there sample code?", "Yes, I'll link the official samples in your ticket."]],
      bot: ["Signature errors usually come from a wrong secret, clock skew or parameter encoding. Please use the latest SDK."],
    },
  },
  service_complaint: {
    zh: {
      problem: [
        "我要反映一下，你们的工单三天了都没人回复，业务一直受影响。",
        "昨天那个客服态度太差了，问题没解决还让我自己去看文档。",
        "这个问题这个月已经第三次了，你们到底能不能解决？",
      ],
      probe: ["非常抱歉给您带来不好的体验，请提供一下工单号，我马上核实。", "非常抱歉，请问是哪一通电话或者哪个工单？我记录下来反馈。"],
      detail: ["工单提交三天了，一直显示处理中。", "就是昨天下午打的电话，一个男客服。"],
      fix: [
        "我已经把您的工单加急，并升级给值班主管跟进，今天下班前一定给您明确答复。",
        "您的反馈我已经记录并提交给质检部门，我们会对相关人员进行辅导，同时把您的问题升级处理。",
        "我们会安排专人跟进，并在三个工作日内给您提供书面的故障原因分析。",
      ],
      extra: [["这次能保证解决吗？", "我会全程跟进，有进展第一时间电话通知您。"]],
      bot: ["非常抱歉给您带来不好的体验，正在为您转接人工客服。"],
    },
    en: {
      problem: [
        "I want to complain. Our ticket has had no answer for three days and our business is affected.",
        "The engineer I spoke to yesterday was rude and just told me to read the docs.",
        "This is the third time this month. Can you actually fix it?",
      ],
      probe: [
        "I'm very sorry about that. Could you give me the ticket number so I can check right away?",
        "I'm sorry to hear that. Could you tell me which call it was so I can pass it on?",
      ],
      detail: ["It's been open for three days and still says in progress.", "It was yesterday afternoon's call."],
      fix: [
        "I've expedited your ticket and escalated it to the duty manager; you'll have a clear answer before end of day.",
        "I've logged your feedback with our quality team and escalated the issue itself.",
      ],
      extra: [],
      bot: ["I'm sorry about your experience, let me connect you to an agent."],
    },
  },
};

/** Lines for the planted incidents: customers during the outage talk about nothing else. */
export const SPIKE_LINES: Record<string, Record<Language, { problem: readonly string[]; fix: readonly string[]; angry: readonly string[] }>> = {
  "east2-network-outage": {
    zh: {
      problem: [
        "你们上海机房是不是出问题了？我们在华东2的服务全部断网了，丢包百分之百！",
        "华东2的机器延迟飙到{ms}毫秒，时断时续，业务基本宕机了。",
        "从{time}开始上海地域全部连不上，网站、App、数据库全挂了，到底怎么回事？",
        "又断网了！华东2已经宕机一个多小时了，丢包特别严重。",
      ],
      fix: [
        "非常抱歉，已确认华东2（上海）一个可用区的核心交换设备故障导致断网和丢包，工程师正在紧急恢复，预计一小时内恢复，恢复后我们会短信通知并提供故障报告。",
        "目前华东2网络已经逐步恢复，延迟和丢包正在回落，请您观察一下业务；本次故障符合SLA赔付条件，后续会为您发放代金券。",
      ],
      angry: [
        "断网这么久你们连个通知都没有？损失谁来承担！",
        "状态页还显示正常，你们这是在骗人吗？我要投诉！",
        "宕机一个多小时了，我们的客户都在骂，再不恢复我们就迁走了。",
      ],
    },
    en: {
      problem: [
        "Is something wrong with your Shanghai data centre? Everything we run in cn-east-2 lost network, 100% packet loss!",
        "Latency in cn-east-2 jumped to {ms} ms and keeps dropping out, our service is basically down.",
      ],
      fix: [
        "I'm very sorry. We've confirmed a core switch failure in one cn-east-2 zone causing the outage and packet loss. Engineers are restoring it, expected within the hour, and we'll send an incident report.",
        "The cn-east-2 network is recovering and latency is coming down. This incident qualifies for SLA credits, which will be issued to your account.",
      ],
      angry: [
        "We've been down for over an hour and nobody told us anything!",
        "Your status page says everything is fine. That's unacceptable.",
      ],
    },
  },
  "billing-rule-change": {
    zh: {
      problem: [
        "你们是不是改了计费规则？这个月账单突然多扣了{amount}元，我们根本没收到通知。",
        "账单里多了好多按量计费的扣费项，{product}的费用翻了几倍，这是怎么回事？",
        "计费规则变更为什么不提前告知？这笔扣费我们不认，要求退款。",
      ],
      fix: [
        "非常抱歉，本月起{product}公网流量由按带宽峰值计费调整为按实际流量计费，变更通知是通过站内信发送的。我已经为您申请了差额退款，并帮您切换回包月带宽计费。",
        "这次计费规则变更确实给您带来了困扰，超出部分的{amount}元我已经提交退款申请，三到五个工作日退回账户余额，发票也会同步调整。",
      ],
      angry: [
        "不打招呼就改规则多扣钱，这跟乱收费有什么区别？我要打12315！",
        "这么大的计费变更连个短信都没有，我要投诉你们！",
      ],
    },
    en: {
      problem: [
        "Did you change the billing rules? We got an unexpected charge of {amountEn} this month and never received any notice.",
        "Our invoice has new pay-as-you-go line items and the {product} charges doubled. What happened?",
      ],
      fix: [
        "I'm sorry for the confusion. From this month {product} public traffic is billed per GB instead of by peak bandwidth; the notice went out as an in-console message. I've requested a refund of the difference and switched you back to monthly bandwidth billing.",
        "I've submitted a refund of {amountEn} for the extra charge. It will reach your balance in three to five working days and the invoice will be corrected.",
      ],
      angry: [
        "Changing the pricing without telling anyone is not acceptable. I want to cancel my account.",
        "This unexpected charge is ridiculous, I want to speak to a manager.",
      ],
    },
  },
};

export interface ScriptLines {
  greetingPhone: readonly string[];
  greetingChat: readonly string[];
  greetingOutbound: readonly string[];
  /** Greeting of the agent a contact was transferred to, by the level of their team. */
  greetingAfterTransfer: Record<"L1" | "L2" | "L3", readonly string[]>;
  identityAsk: readonly string[];
  identityConfirm: readonly string[];
  holdStart: readonly string[];
  holdEnd: readonly string[];
  /** The transferring agent's words, by the level of the receiving team. */
  transfer: Record<"L1" | "L2" | "L3", readonly string[]>;
  customerAck: readonly string[];
  closingAsk: readonly string[];
  customerNothingElse: readonly string[];
  goodbyePhone: readonly string[];
  goodbyeChat: readonly string[];
  frustrated: readonly string[];
  deescalate: readonly string[];
  rude: readonly string[];
  repeatContact: readonly string[];
  botGreeting: readonly string[];
  botResolvedAsk: readonly string[];
  botResolvedYes: readonly string[];
  botBye: readonly string[];
  askHuman: readonly string[];
  botHandoff: readonly string[];
  refundCard: readonly string[];
}

export const SCRIPT: Record<Language, ScriptLines> = {
  zh: {
    greetingPhone: [
      "您好，这里是云服务客服中心，工号{jobNo}，很高兴为您服务。",
      "您好，云服务技术支持，工号{jobNo}，请问有什么可以帮您？",
      "您好，欢迎致电云服务客服中心，{jobNo}号客服为您服务，请问您遇到了什么问题？",
    ],
    greetingChat: [
      "您好，欢迎咨询云服务在线客服，工号{jobNo}为您服务，请问有什么可以帮您？",
      "您好，我是在线客服{jobNo}，很高兴为您服务，请您描述一下遇到的问题。",
    ],
    greetingOutbound: ["您好，我是云服务客服中心工号{jobNo}，关于您提交的工单{ticketId}，现在给您回电，请问现在方便吗？"],
    greetingAfterTransfer: {
      L1: ["您好，工号{jobNo}为您服务，同事已经把您的情况转给我了。"],
      L2: ["您好，我是二线技术支持工号{jobNo}，刚才的情况同事已经跟我说明了，我继续为您处理。"],
      L3: ["您好，我是研发支持工程师{name}，您的问题已经升级到我这边，我来继续跟进。"],
    },
    identityAsk: [
      "为了保障账户安全，请提供一下您的账号ID或注册手机号。",
      "麻烦您提供一下账号ID或者注册手机号，我核实一下身份。",
      "请问您的账号ID或者注册手机号是多少？",
    ],
    identityConfirm: ["好的，已经核实，谢谢您。", "收到，身份核实通过。", "好的，谢谢，我这边已经看到您的账号了。"],
    holdStart: ["请您稍等，我帮您查询一下。", "我需要查一下后台记录，请您稍等一两分钟，先不要挂机。"],
    holdEnd: ["感谢您的耐心等待。", "让您久等了，我这边查到了。"],
    transfer: {
      L1: ["这个问题由专门的客服组负责，我帮您转接过去，请稍等。"],
      L2: ["这个问题需要二线专家来处理，我现在为您转接，请稍候不要挂机。", "我帮您转到专门的技术团队，他们会继续跟进，请稍等。"],
      L3: ["这个问题需要研发同事排查，我帮您升级转接到三线，请稍候。"],
    },
    customerAck: ["好的，明白了，谢谢。", "行，那我试一下。", "好的，那就麻烦你们了。", "嗯，可以，谢谢你。"],
    closingAsk: ["请问还有其他可以帮您的吗？", "请问还有其他问题需要咨询吗？"],
    customerNothingElse: ["没有了，谢谢。", "没有了，就这个。", "暂时没有了。"],
    goodbyePhone: ["感谢您的来电，祝您工作顺利，再见！", "感谢您的来电，稍后会有短信邀请您评价本次服务，再见！"],
    goodbyeChat: ["感谢您的咨询，稍后会邀请您对本次服务进行评价，祝您生活愉快！", "感谢您的咨询，再见！"],
    frustrated: [
      "你们这已经是第三次了，我要投诉！",
      "叫你们主管来跟我说！",
      "再解决不了我就打12315投诉你们！",
      "每次都让我等，到底有没有人管？",
      "我要求升级处理，不然我们就迁移到别的云了。",
    ],
    deescalate: [
      "非常抱歉给您带来不便，我理解您的心情，我马上为您升级处理。",
      "真的很抱歉，我会把您的情况反馈给主管，并优先跟进。",
    ],
    rude: ["这个我没办法。", "你自己去看文档。", "这不归我们管。", "我已经说过很多遍了。"],
    repeatContact: ["我上周已经打过电话说过这个问题了，到现在还没解决。", "这个问题我前几天刚反馈过，怎么又出现了？"],
    botGreeting: ["您好，我是智能客服小云，请简单描述您遇到的问题。"],
    botResolvedAsk: ["请问以上回答是否解决了您的问题？"],
    botResolvedYes: ["解决了，谢谢。", "好的，明白了。"],
    botBye: ["很高兴帮到您，如有其他问题欢迎随时咨询。"],
    askHuman: ["转人工。", "没解决，我要找人工客服。"],
    botHandoff: ["正在为您转接人工客服，请稍候。"],
    refundCard: ["退款请打到我的银行卡上，卡号是{card}。"],
  },
  en: {
    greetingPhone: [
      "Hello, thank you for calling Cloud Support, this is {name}. How can I help you today?",
      "Cloud Support, {name} speaking. How may I help you?",
    ],
    greetingChat: ["Hi, welcome to Cloud Support live chat, I'm {name}. How can I help you today?"],
    greetingOutbound: ["Hello, this is {name} from Cloud Support calling back about your ticket {ticketId}. Is now a good time?"],
    greetingAfterTransfer: {
      L1: ["Hi, this is {name}, my colleague passed your case to me."],
      L2: ["Hi, this is {name} from the specialist team. My colleague briefed me, I'll take it from here."],
      L3: ["Hello, {name} from engineering here. Your case has been escalated to me and I'll follow it through."],
    },
    identityAsk: [
      "For security, could you confirm your account ID or the registered phone number?",
      "Before we continue, may I have your account ID or the e-mail address on the account?",
    ],
    identityConfirm: ["Thank you, I've verified your account.", "Thanks, I can see your account now."],
    holdStart: ["Let me check that in our system, may I put you on hold for a moment?"],
    holdEnd: ["Thank you for holding.", "Thanks for waiting, I have the details now."],
    transfer: {
      L1: ["Another team handles this, let me transfer you."],
      L2: ["This needs our specialist team, I'll transfer you now, please stay on the line."],
      L3: ["I need to escalate this to our engineering team, please hold while I transfer you."],
    },
    customerAck: ["OK, that makes sense, thanks.", "Alright, I'll try that.", "Great, thank you."],
    closingAsk: ["Is there anything else I can help you with?"],
    customerNothingElse: ["No, that's all, thanks.", "Nope, that's it."],
    goodbyePhone: ["Thank you for calling Cloud Support, have a great day. Goodbye!"],
    goodbyeChat: ["Thanks for chatting with us, you'll get a short survey shortly. Have a nice day!"],
    frustrated: [
      "I want to speak to a manager.",
      "This is the third time I'm calling about this, it's unacceptable.",
      "If this isn't fixed today we will cancel our account.",
      "I want to file a formal complaint.",
    ],
    deescalate: ["I'm really sorry for the trouble, I understand your frustration. I'll escalate this right away."],
    rude: ["That's not my problem.", "Just read the documentation.", "I already told you that."],
    repeatContact: ["I already contacted you about this last week and it's still not fixed."],
    botGreeting: ["Hi, I'm the Cloud Support virtual assistant. Please describe your issue briefly."],
    botResolvedAsk: ["Did that answer your question?"],
    botResolvedYes: ["Yes, thanks.", "Got it, thank you."],
    botBye: ["Glad I could help. Feel free to come back any time."],
    askHuman: ["Agent please.", "That didn't help, I want to talk to a person."],
    botHandoff: ["Connecting you to an agent, please wait."],
    refundCard: ["Please refund it to my card, the number is {card}."],
  },
};

/** How customers give their identity (the PII the detector should find). */
export const IDENTITY_ANSWERS: Record<Language, Record<"mobile" | "uid" | "idcard" | "email", readonly string[]>> = {
  zh: {
    mobile: ["我的手机号是{mobile}。", "注册手机号是{mobile}。", "手机号{mobile}。"],
    uid: ["账号ID是{uid}。", "我的账号是{uid}。"],
    idcard: ["实名认证用的是我的身份证，号码是{idcard}。", "身份证号{idcard}，是法人的。"],
    email: ["注册邮箱是{email}。"],
  },
  en: {
    mobile: ["My phone number is {mobile}."],
    uid: ["The account ID is {uid}.", "It's account {uid}."],
    idcard: ["The real-name verification used ID number {idcard}."],
    email: ["It's {email}.", "The e-mail on the account is {email}."],
  },
};
