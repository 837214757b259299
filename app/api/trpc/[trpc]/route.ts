import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { crossSiteRefusal } from "@/server/auth/request-guard";
import { appRouter } from "@/server/routers/root";
import { createContext } from "@/server/trpc/context";

export const dynamic = "force-dynamic";

/** No procedure takes more than a filter or a form: anything bigger is refused before parsing. */
const MAX_BODY_BYTES = 64 * 1024;

async function handler(req: Request) {
  if (req.method !== "GET") {
    const refused = crossSiteRefusal(req);
    if (refused) return Response.json({ error: refused }, { status: 403 });
    if (Number(req.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return Response.json({ error: "body too large" }, { status: 413 });
  }
  if (req.url.length > MAX_BODY_BYTES) return Response.json({ error: "request too large" }, { status: 414 });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext(req.headers),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
