async () => {
  const accounts = (await api.request({ method: "GET", path: "/accounts", query: { per_page: 50 } })).body.result;
  const found = await Promise.all(accounts.map((a) => api.request({
    method: "GET", path: `/accounts/${a.id}/members`, query: { email: "hana.sato@acme.example" },
  }).then((r) => r.body.result.map((m) => ({ account: a, member: m })))));
  const hits = found.flat();
  await Promise.all(hits.map(({ account, member }) => api.request({
    method: "DELETE", path: `/accounts/${account.id}/members/${member.id}`,
  })));
  return `Removed Hana Sato from ${hits.map((h) => `${h.account.name} (she was ${h.member.roles.join(", ")})`).join(", ")}.`;
}
