async () => {
  const project = async (key) => (await api.request({ method: "GET", path: "/projects", query: { key } })).body.items[0];
  const all = async (path, query = {}) => {
    const first = (await api.request({ method: "GET", path, query: { ...query, limit: 100 } })).body;
    const rest = await Promise.all(Array.from({ length: Math.max(0, Math.ceil(first.total / 100) - 1) }, (_, k) =>
      api.request({ method: "GET", path, query: { ...query, limit: 100, offset: (k + 1) * 100 } })));
    return first.items.concat(...rest.map((r) => r.body.items));
  };
  const pay = await project("PAY");
  const base = `/projects/${pay.id}/issues`;
  const issue = (await api.request({ method: "GET", path: base, query: { key: "PAY-577" } })).body.items[0];
  const [epic, children] = await Promise.all([
    api.request({ method: "GET", path: `${base}/${issue.epic_id}` }).then((r) => r.body),
    all(base, { epic_id: issue.epic_id }),
  ]);
  const points = children.filter((i) => !["done", "cancelled"].includes(i.status)).reduce((s, i) => s + (i.story_points || 0), 0);
  await api.request({ method: "POST", path: `${base}/${epic.id}/comments`, body: { body: `Remaining estimate: ${points} story points of unfinished work.` } });
  return `${epic.key} "${epic.title}": ${points} story points left (posted on the epic).`;
}
