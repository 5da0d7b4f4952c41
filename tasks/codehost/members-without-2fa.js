async () => {
  const path = "/orgs/acme/members";
  const get = (page) => api.request({ method: "GET", path, query: { per_page: 100, page } });
  const first = await get(1);
  const last = parseInt((/[?&]page=(\d+)[^>]*>; rel="last"/.exec(first.headers.link || "") || [0, "1"])[1], 10);
  const rest = await Promise.all(Array.from({ length: last - 1 }, (_, i) => get(i + 2)));
  const members = [first, ...rest].flatMap((r) => r.body);
  const without = members.filter((m) => !m.two_factor_enabled);
  await api.request({ method: "POST", path: "/orgs/acme/repos/infra/issues", body: {
    title: "Turn on two-factor authentication",
    body: `These members still need to enable 2FA: ${without.map((m) => `@${m.login}`).join(", ")}.`,
  } });
  return `${without.length} of ${members.length} acme members have no two-factor authentication: ` +
    without.map((m) => `${m.login} (${m.name})`).join(", ") + ".";
}
