async () => {
  const path = "/orgs/acme/repos/api-gateway/branches";
  const get = (page) => api.request({ method: "GET", path, query: { per_page: 100, page } });
  const first = await get(1);
  const last = parseInt((/[?&]page=(\d+)[^>]*>; rel="last"/.exec(first.headers.link || "") || [0, "1"])[1], 10);
  const rest = await Promise.all(Array.from({ length: last - 1 }, (_, i) => get(i + 2)));
  const hot = [first, ...rest].flatMap((r) => r.body).filter((b) => b.name.startsWith("hotfix/"));
  return hot.map((b) => `${b.name}: last commit by ${b.last_commit_author} on ${b.last_commit_at.slice(0, 10)}`).join("\n");
}
