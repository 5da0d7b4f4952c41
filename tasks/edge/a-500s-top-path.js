async () => {
  const zone = (await api.request({ method: "GET", path: "/zones", query: { name: "example.com" } })).body.result[0];
  const path = `/zones/${zone.id}/logs/requests`;
  const get = (page) => api.request({ method: "GET", path, query: { status: 500, per_page: 1000, page } }).then((r) => r.body);
  const first = await get(1);
  const rest = await Promise.all(Array.from({ length: first.result_info.total_pages - 1 }, (_, i) => get(i + 2)));
  const errors = [first, ...rest].flatMap((p) => p.result);
  const byPath = {};
  for (const e of errors) byPath[e.path] = (byPath[e.path] || 0) + 1;
  const ranked = Object.entries(byPath).sort((a, b) => b[1] - a[1]);
  const [top, n] = ranked[0];
  return `${errors.length} requests to example.com returned a 500 in the request log. The worst path is ${top} with ${n} of them; next: ` +
    ranked.slice(1, 4).map(([p, k]) => `${p} (${k})`).join(", ") + ".";
}
