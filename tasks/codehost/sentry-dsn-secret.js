async () => {
  const secret = { name: "SENTRY_DSN", encrypted_value: "enc:v1:Zm9vYmFyOnNlbnRyeS0yMDI2LTExLWRzbg==" };
  const out = await Promise.all(["auth-service", "search-service", "web-app"].map(async (repo) => {
    const path = `/orgs/acme/repos/${repo}/actions/secrets`;
    const r = await api.request({ method: "POST", path, body: secret });
    if (r.status !== 409) return `${repo}: created`;
    await api.request({ method: "PATCH", path: `${path}/SENTRY_DSN`, body: { encrypted_value: secret.encrypted_value } });
    return `${repo}: updated the existing secret`;
  }));
  return out.join("; ");
}
