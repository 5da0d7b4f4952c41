//! Disputes, subscriptions and invoices of the `commerce` store.

use super::*;

impl Builder {
    pub(super) fn disputes(&mut self) {
        // (customer name or "", reason, status, evidence due in days, submitted evidence)
        let plan: [(&str, &str, &str, i64); 12] = [
            ("", "product_not_received", "needs_response", 4),
            ("", "product_not_received", "needs_response", 6),
            ("", "product_not_received", "needs_response", 9),
            ("", "fraudulent", "needs_response", 5),
            ("Dana Whitfield", "product_unacceptable", "needs_response", 7),
            ("", "product_not_received", "under_review", -3),
            ("", "product_not_received", "won", -40),
            ("", "fraudulent", "lost", -60),
            ("", "duplicate", "won", -90),
            ("", "general", "lost", -120),
            ("", "subscription_canceled", "under_review", -2),
            ("", "product_unacceptable", "warning_needs_response", 12),
        ];
        let mut disputes = Vec::new();
        // Candidates: succeeded, undisputed, unrefunded charges of delivered orders 25..200 days old.
        let delivered: HashMap<String, (String, String, String)> = self
            .orders
            .iter()
            .filter(|o| o.value["status"] == json!("delivered"))
            .map(|o| {
                (
                    id_of(&o.value),
                    (
                        o.value["customer"].as_str().unwrap_or_default().to_string(),
                        o.value["tracking_number"].as_str().unwrap_or_default().to_string(),
                        o.value["carrier"].as_str().unwrap_or_default().to_string(),
                    ),
                )
            })
            .collect();
        let dana = self.customer_id("Dana Whitfield");
        let planted_customers: Vec<String> = BIG_SPENDERS
            .iter()
            .map(|b| b.0)
            .chain(["Greystone Hotels", "Jamie Rivera", "Northwind Traders"])
            .map(|n| self.customer_id(n))
            .collect();
        let mut pick = 0usize;
        for (who, reason, status, due) in plan {
            let age = if due > 0 { 21 - due } else { 30 - due };
            let charge_index = if who == "Dana Whitfield" {
                let Some(c) = self.charges.iter().position(|c| c["customer"] == json!(dana)) else {
                    continue;
                };
                c
            } else {
                let oldest = rfc3339(NOW - (age + 5).max(25) * DAY);
                let newest = rfc3339(NOW - (age + 200) * DAY);
                let mut found = None;
                while pick < self.charges.len() {
                    let c = &self.charges[pick];
                    pick += 37;
                    let created = c["created"].as_str().unwrap_or_default();
                    let order = c["order_id"].as_str().unwrap_or_default();
                    let ok = c["status"] == json!("succeeded")
                        && c["amount_refunded"] == json!(0)
                        && c["risk_level"] == json!("normal")
                        && created < oldest.as_str()
                        && created > newest.as_str()
                        && delivered
                            .get(order)
                            .is_some_and(|(cus, _, _)| !planted_customers.contains(cus));
                    if ok {
                        found = Some(pick - 37);
                        break;
                    }
                }
                let Some(c) = found else { continue };
                c
            };
            let c = &mut self.charges[charge_index];
            c["disputed"] = json!(true);
            let charge = c.clone();
            let created = NOW - age * DAY;
            let mut d = json!({"id": sid(&mut self.rng, "dp", 24), "charge": charge["id"], "amount": charge["amount"],
                "currency": "usd", "reason": reason, "status": status, "submitted": !status.contains("needs_response"),
                "evidence_due_by": rfc3339(NOW + due * DAY - 7_200), "created": rfc3339(created)});
            if status == "under_review" || status == "won" {
                let (_, tracking, carrier) = delivered
                    .get(charge["order_id"].as_str().unwrap_or_default())
                    .cloned()
                    .unwrap_or_default();
                d["evidence_shipping_tracking_number"] = json!(tracking);
                d["evidence_shipping_carrier"] = json!(carrier);
            }
            disputes.push(d);
        }
        // The highest-risk disputed charge.
        if let Some(c) = self
            .charges
            .iter()
            .find(|c| c["risk_level"] == json!("highest") && c["disputed"] == json!(true))
        {
            disputes.push(
                json!({"id": sid(&mut self.rng, "dp", 24), "charge": c["id"], "amount": c["amount"], "currency": "usd",
                "reason": "fraudulent", "status": "warning_needs_response", "submitted": false,
                "evidence_due_by": rfc3339(NOW + 10 * DAY), "created": rfc3339(NOW - 4 * DAY)}),
            );
        }
        disputes.sort_by_key(|d| std::cmp::Reverse(d["created"].as_str().unwrap_or_default().to_string()));
        self.store.lists.insert("disputes", disputes);
        let charges = std::mem::take(&mut self.charges);
        let refunds = std::mem::take(&mut self.refunds);
        self.store.lists.insert("charges", charges);
        self.store.lists.insert("refunds", refunds);
    }

    pub(super) fn subscriptions(&mut self) {
        let plan = |k: &str, b: &Builder| b.prices.get(k).cloned().unwrap_or_default();
        let mut subs = Vec::new();
        let mut invoices = Vec::new();
        let mut lines: HashMap<String, Vec<Value>> = HashMap::new();
        // (customer index or name, plan, status, started days ago, canceled days ago, cancel_at_period_end, quantity)
        let mut rows: Vec<SubRow> = Vec::new();
        for i in 0..280 {
            let c = id_of(&self.customers[(i * 7 + 3) % 400]);
            let rng = &mut self.rng;
            let key = weighted(
                rng,
                &[
                    ("plus_monthly", 45),
                    ("plus_yearly", 20),
                    ("pro_monthly", 15),
                    ("pro_yearly", 8),
                    ("starter_monthly", 12),
                ],
            );
            let status = weighted(
                rng,
                &[
                    ("active", 78),
                    ("trialing", 6),
                    ("past_due", 5),
                    ("canceled", 8),
                    ("unpaid", 1),
                    ("paused", 2),
                ],
            );
            let started = if status == "trialing" {
                rng.random_range(1..14)
            } else {
                rng.random_range(60..700)
            };
            let canceled = (status == "canceled").then(|| rng.random_range(40..(started - 10).max(41)));
            let quantity = if key.starts_with("pro") && rng.random_bool(0.3) {
                rng.random_range(2..6)
            } else {
                1
            };
            rows.push((c, key, status, started, canceled, false, quantity));
        }
        let used: std::collections::HashSet<usize> = (0..280).map(|i| (i * 7 + 3) % 400).collect();
        let free: Vec<usize> = (0..400).filter(|i| !used.contains(i)).collect();
        // Legacy Starter 2023 subscribers: nine still running (one already ending), three canceled long ago.
        let legacy = [
            ("active", None, false),
            ("active", None, false),
            ("active", None, false),
            ("active", None, true),
            ("active", None, false),
            ("active", None, false),
            ("past_due", None, false),
            ("trialing", None, false),
            ("active", None, false),
            ("canceled", Some(90), false),
            ("canceled", Some(200), false),
            ("canceled", Some(55), false),
        ];
        for (i, (status, canceled, ending)) in legacy.into_iter().enumerate() {
            let c = id_of(&self.customers[free[i]]);
            let started = if status == "trialing" { 5 } else { 400 + i as i64 * 20 };
            rows.push((c, "starter_2023_monthly", status, started, canceled, ending, 1));
        }
        // Canceled within the last 30 days (win-back targets).
        for (i, days) in [3i64, 8, 12, 19, 24, 29].into_iter().enumerate() {
            let c = id_of(&self.customers[free[12 + i]]);
            let key = ["plus_monthly", "pro_monthly", "plus_yearly"][i % 3];
            rows.push((c, key, "canceled", 200 + days * 3, Some(days), false, 1));
        }
        // A subscription canceled 33 days ago (just outside the window).
        let c = id_of(&self.customers[free[18]]);
        rows.push((c, "plus_monthly", "canceled", 300, Some(33), false, 1));
        let brightline = self.customer_id("Brightline Studio");
        rows.push((brightline.clone(), "plus_monthly", "canceled", 400, Some(380), false, 1));
        rows.push((brightline, "pro_monthly", "active", 370, None, false, 5));
        let northwind = self.customer_id("Northwind Traders");
        rows.push((northwind, "pro_yearly", "active", 200, None, false, 3));
        let mut delinquent = std::collections::HashSet::new();
        for (customer, key, status, started, canceled, ending, quantity) in rows {
            let (price, amount) = plan(key, self);
            let period = if key.contains("yearly") { 365 } else { 30 };
            let start = NOW - started * DAY - self.rng.random_range(0..DAY);
            let end_of_life = canceled.map(|d| NOW - d * DAY - 4_000);
            let last_time = end_of_life.unwrap_or(NOW);
            let periods = ((last_time - start) / (period * DAY)).max(0);
            let current_start = start + periods * period * DAY;
            let id = sid(&mut self.rng, "sub", 24);
            let mut s = json!({"id": id, "customer": customer, "price": price, "quantity": quantity, "status": status,
                "cancel_at_period_end": ending, "current_period_start": rfc3339(current_start),
                "current_period_end": rfc3339(current_start + period * DAY), "created": rfc3339(start)});
            if status == "trialing" {
                s["trial_end"] = json!(rfc3339(start + 14 * DAY));
            }
            if let Some(at) = end_of_life {
                s["canceled_at"] = json!(rfc3339(at));
            }
            if matches!(status, "past_due" | "unpaid") {
                delinquent.insert(customer.clone());
            }
            // Up to three most recent invoices of the subscription.
            if status != "trialing" {
                for k in 0..3.min(periods + 1) {
                    let at = current_start - k * period * DAY;
                    if at < start {
                        break;
                    }
                    let due = amount * quantity;
                    let (st, paid) = match (status, k) {
                        ("past_due", 0) => ("open", 0),
                        ("unpaid", 0) => ("uncollectible", 0),
                        _ => ("paid", due),
                    };
                    let inv_id = sid(&mut self.rng, "in", 24);
                    let inv = json!({"id": inv_id, "customer": customer, "subscription": id, "status": st,
                        "collection_method": "charge_automatically", "amount_due": due, "amount_paid": paid, "currency": "usd",
                        "attempt_count": if st == "paid" { 1 } else { 4 }, "created": rfc3339(at)});
                    lines.insert(
                        inv_id.clone(),
                        vec![json!({"id": sid(&mut self.rng, "il", 24), "description": format!("Lumen+ Membership {}", key.replace('_', " ")),
                                    "amount": due, "quantity": quantity, "price": price})],
                    );
                    invoices.push(inv);
                }
            }
            subs.push(s);
        }
        for c in self.customers.iter_mut() {
            if delinquent.contains(&id_of(c)) {
                c["delinquent"] = json!(true);
            }
        }
        self.store.lists.insert("subscriptions", subs);
        self.store.nested.insert("invoice-lines", lines);
        self.store.lists.insert("invoices", invoices);
        let mut cbt = HashMap::new();
        let nw = self.customer_id("Northwind Traders");
        cbt.insert(
            nw,
            vec![
                json!({"id": sid(&mut self.rng, "cbtxn", 20), "amount": -2_500, "currency": "usd", "description": "Goodwill credit: late delivery of A-12510",
                       "type": "adjustment", "ending_balance": -12_500, "created": rfc3339(NOW - 12 * DAY)}),
                json!({"id": sid(&mut self.rng, "cbtxn", 20), "amount": -15_000, "currency": "usd", "description": "Volume rebate Q3 2026",
                       "type": "adjustment", "ending_balance": -10_000, "created": rfc3339(NOW - 48 * DAY)}),
                json!({"id": sid(&mut self.rng, "cbtxn", 20), "amount": 5_000, "currency": "usd", "description": "Applied to invoice",
                       "type": "applied_to_invoice", "ending_balance": 5_000, "created": rfc3339(NOW - 90 * DAY)}),
            ],
        );
        self.store.nested.insert("customer-balance-transactions", cbt);
        let mut tax = HashMap::new();
        for (name, ty, value) in [
            ("Tessa Lindqvist", "eu_vat", "DE811907980"),
            ("Brightline Studio", "gb_vat", "GB980780684"),
            ("Greystone Hotels", "eu_vat", "IE6388047V"),
        ] {
            tax.insert(
                self.customer_id(name),
                vec![json!({"id": sid(&mut self.rng, "txi", 20), "type": ty, "value": value, "verification_status": "verified",
                            "created": rfc3339(NOW - 80 * DAY)})],
            );
        }
        self.store.nested.insert("customer-tax-ids", tax);
    }

    pub(super) fn one_off_invoices(&mut self) {
        // (customer name, status, due days ago, amount)
        let plan: [(&str, &str, i64, i64); 11] = [
            ("Northwind Traders", "open", 41, 159_600),
            ("Pinecrest Dental", "open", 36, 48_000),
            ("Harbor & Pine Interiors", "open", 64, 212_000),
            ("Maple Street Cafe", "open", 33, 27_450),
            ("Greystone Hotels", "open", 80, 96_300),
            ("Okafor Design Co", "open", 22, 54_000),
            ("Pinecrest Dental", "open", 12, 15_900),
            ("Brightline Studio", "open", -10, 38_500),
            ("Maple Street Cafe", "paid", 70, 31_200),
            ("Northwind Traders", "paid", 120, 88_000),
            ("Greystone Hotels", "void", 150, 12_000),
        ];
        let mut extra = Vec::new();
        for (name, status, due_ago, amount) in plan {
            let customer = self.customer_id(name);
            let due = NOW - due_ago * DAY;
            let id = sid(&mut self.rng, "in", 24);
            extra.push(
                json!({"id": id, "customer": customer, "status": status, "collection_method": "send_invoice",
                "amount_due": amount, "amount_paid": if status == "paid" { amount } else { 0 }, "currency": "usd",
                "due_date": date(due), "description": "Wholesale order, net-30", "attempt_count": 0,
                "created": rfc3339(due - 30 * DAY)}),
            );
            if let Some(lines) = self.store.nested.get_mut("invoice-lines") {
                lines.insert(
                    id,
                    vec![
                        json!({"id": sid(&mut self.rng, "il", 24), "description": "Wholesale furniture and lighting",
                                "amount": amount, "quantity": 1}),
                    ],
                );
            }
        }
        if let Some(list) = self.store.lists.get_mut("invoices") {
            list.extend(extra);
            list.sort_by_key(|v| v["created"].as_str().unwrap_or_default().to_string());
            for (n, inv) in list.iter_mut().enumerate() {
                inv["number"] = json!(format!("LUM-{:04}", n + 1));
            }
        }
    }
}
