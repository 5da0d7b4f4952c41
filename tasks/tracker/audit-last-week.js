async () => {
  const since = "2026-11-13T12:00:00Z";
  const page = (await api.request({ method: "GET", path: "/audit-log", query: { order: "created_at", direction: "desc", limit: 500 } })).body;
  return `${page.items.filter((e) => e.created_at >= since).length} audit log entries in the last 7 days.`;
}
