async () => {
  const path = "/orgs/acme/repos/api-gateway/pulls";
  const merged = (await api.request({ method: "GET", path, query: { merged: true, order: "updated_at", direction: "desc", per_page: 100 } })).body
    .filter((p) => p.merged_at >= "2026-09-01");
  const reviews = await Promise.all(merged.map((p) => api.request({ method: "GET", path: `${path}/${p.number}/reviews` }).then((r) => r.body)));
  const counts = {};
  for (const list of reviews) for (const who of new Set(list.filter((r) => r.state === "APPROVED").map((r) => r.user))) counts[who] = (counts[who] || 0) + 1;
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return `Of ${merged.length} PRs merged since September 1, ${ranked[0][0]} approved the most: ${ranked[0][1]}.`;
}
