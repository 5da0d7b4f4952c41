async () => {
  const who = "dara-okafor";
  const [teams, repos] = await Promise.all([
    api.request({ method: "GET", path: "/orgs/acme/teams", query: { per_page: 100 } }).then((r) => r.body),
    api.request({ method: "GET", path: "/orgs/acme/repos", query: { per_page: 100 } }).then((r) => r.body),
  ]);
  const [inTeams, inRepos] = await Promise.all([
    Promise.all(teams.map((t) => api.request({ method: "GET", path: `/orgs/acme/teams/${t.slug}/members/${who}` })
      .then((r) => (r.status === 200 ? t.slug : null)))),
    Promise.all(repos.map((r) => api.request({ method: "GET", path: `/orgs/acme/repos/${r.name}/collaborators/${who}` })
      .then((x) => (x.status === 200 ? r.name : null)))),
  ]);
  const t = inTeams.filter(Boolean);
  const r = inRepos.filter(Boolean);
  await Promise.all([
    ...t.map((slug) => api.request({ method: "DELETE", path: `/orgs/acme/teams/${slug}/members/${who}` })),
    ...r.map((name) => api.request({ method: "DELETE", path: `/orgs/acme/repos/${name}/collaborators/${who}` })),
    api.request({ method: "DELETE", path: `/orgs/acme/members/${who}` }),
  ]);
  return `Removed ${who} from acme, from teams ${t.join(", ")} and as collaborator on ${r.join(", ")}.`;
}
