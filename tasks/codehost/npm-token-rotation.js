async () => {
  const s = (await api.request({ method: "GET", path: "/orgs/acme/repos/web-app/actions/secrets/NPM_TOKEN" })).body;
  return `web-app's NPM_TOKEN repository secret was last updated on ${s.updated_at.slice(0, 10)} (${s.updated_at}).`;
}
