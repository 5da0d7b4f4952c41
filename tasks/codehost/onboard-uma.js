async () => {
  const env = "/orgs/acme/repos/infra/environments/production";
  const [prod] = await Promise.all([
    api.request({ method: "GET", path: env }).then((r) => r.body),
    api.request({ method: "POST", path: "/orgs/acme/members", body: { login: "uma-rao", role: "member" } }),
    api.request({ method: "POST", path: "/orgs/acme/teams/platform/members", body: { login: "uma-rao", role: "member" } }),
  ]);
  await api.request({ method: "PATCH", path: env, body: { required_reviewers: [...prod.required_reviewers, "uma-rao"] } });
  return "uma-rao is now an acme member, on the platform team, and a required reviewer for infra production.";
}
