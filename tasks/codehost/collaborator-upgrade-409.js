async () => {
  const path = "/orgs/acme/repos/web-app/collaborators";
  const r = await api.request({ method: "POST", path, body: { login: "ext-jd-contractor", permission: "push" } });
  if (r.status === 409) {
    await api.request({ method: "PATCH", path: `${path}/ext-jd-contractor`, body: { permission: "push" } });
    return "ext-jd-contractor was already a collaborator on web-app (triage); upgraded to push.";
  }
  return "Added ext-jd-contractor to web-app with push access.";
}
