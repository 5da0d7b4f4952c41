async () => {
  const path = "/orgs/acme/repos/web-app/issues/470";
  await api.request({ method: "POST", path: `${path}/comments`, body: { body: "Closing as a duplicate of #455; please follow that issue." } });
  await api.request({ method: "PATCH", path, body: { state: "closed", state_reason: "not_planned" } });
  return null;
}
