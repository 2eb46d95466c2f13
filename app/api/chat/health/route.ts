// GET /api/chat/health – the guide's chat health check (same report as /health)
export { GET } from "@/app/api/health/route";
