async () => {
  const c = (await api.request({ method: "GET", path: "/customers", query: { email: "jamie.rivera@mail.example" } })).body.data[0];
  const order = (await api.request({ method: "GET", path: "/orders", query: { customer: c.id, limit: 1 } })).body.data[0];
  const charges = (await api.request({ method: "GET", path: "/charges", query: { order_id: order.id, status: "succeeded" } })).body.data;
  const charge = charges[0];
  const refund = (await api.request({ method: "POST", path: "/refunds", body: { charge: charge.id, amount: charge.amount - charge.amount_refunded, reason: "requested_by_customer" } })).body;
  return `Refunded $${(refund.amount / 100).toFixed(2)} for order ${order.number} (charge ${charge.id}).`;
}
