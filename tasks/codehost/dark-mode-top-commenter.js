async () => {
  const path = "/orgs/acme/repos/web-app/issues/342/comments";
  const get = (page) => api.request({ method: "GET", path, query: { per_page: 100, page } });
  const first = await get(1);
  const last = parseInt((/[?&]page=(\d+)[^>]*>; rel="last"/.exec(first.headers.link || "") || [0, "1"])[1], 10);
  const rest = await Promise.all(Array.from({ length: last - 1 }, (_, i) => get(i + 2)));
  const counts = {};
  for (const c of [first, ...rest].flatMap((r) => r.body)) counts[c.user] = (counts[c.user] || 0) + 1;
  const [who, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  await api.request({ method: "POST", path, body: { body: `Thanks @${who} for all the input on this thread!` } });
  return `${who} commented the most on #342: ${n} comments.`;
}
