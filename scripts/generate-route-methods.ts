// npm run routes:methods – writes lib/api/route-methods.generated.ts from app/api/**/route.ts.
import { writeFileSync } from "node:fs";
import { collectApiRoutes, renderRouteMethods } from "@/lib/api/route-table";

writeFileSync("lib/api/route-methods.generated.ts", renderRouteMethods(collectApiRoutes()));
console.log("Wrote lib/api/route-methods.generated.ts");
