//! Coupons, payouts, payment methods, fraud lists, invoice items and the balance of the `commerce` store.

use super::*;

impl Builder {
    pub(super) fn coupons(&mut self) {
        // (code, name, percent, amount off, duration, months, max, redeemed, redeem_by days from now, valid, created days ago)
        type Row<'a> = (
            &'a str,
            &'a str,
            Option<f64>,
            Option<i64>,
            &'a str,
            Option<i64>,
            Option<i64>,
            i64,
            Option<i64>,
            bool,
            i64,
        );
        let rows: [Row; 13] = [
            (
                "WELCOME10",
                "Welcome 10%",
                Some(10.0),
                None,
                "once",
                None,
                None,
                1_204,
                None,
                true,
                700,
            ),
            (
                "SPRING24",
                "Spring sale 2024",
                Some(15.0),
                None,
                "once",
                None,
                Some(500),
                318,
                Some(-560),
                false,
                650,
            ),
            (
                "SUMMER25",
                "Summer 2025",
                Some(25.0),
                None,
                "once",
                None,
                None,
                742,
                Some(40),
                true,
                500,
            ),
            (
                "SUMMER15",
                "Summer members",
                Some(15.0),
                None,
                "once",
                None,
                None,
                96,
                Some(40),
                true,
                480,
            ),
            (
                "BLACKFRIDAY",
                "Black Friday",
                Some(20.0),
                None,
                "once",
                None,
                Some(200),
                0,
                Some(10),
                true,
                20,
            ),
            (
                "VIP15",
                "VIP 15%",
                Some(15.0),
                None,
                "forever",
                None,
                None,
                41,
                None,
                true,
                600,
            ),
            (
                "WINBACK20",
                "Come back 20%",
                Some(20.0),
                None,
                "repeating",
                Some(3),
                None,
                12,
                None,
                true,
                300,
            ),
            (
                "FREESHIP",
                "Free shipping",
                None,
                Some(599),
                "once",
                None,
                None,
                2_310,
                None,
                true,
                800,
            ),
            (
                "LOYALTY5",
                "Loyalty $5",
                None,
                Some(500),
                "once",
                None,
                None,
                388,
                None,
                true,
                420,
            ),
            (
                "HOLIDAY22",
                "Holiday 2022",
                Some(20.0),
                None,
                "once",
                None,
                None,
                910,
                Some(-690),
                false,
                730,
            ),
            (
                "BFCM2023",
                "BFCM 2023",
                Some(30.0),
                None,
                "once",
                None,
                Some(1_000),
                1_000,
                Some(-350),
                false,
                380,
            ),
            (
                "STAFF40",
                "Staff discount",
                Some(40.0),
                None,
                "forever",
                None,
                None,
                57,
                None,
                true,
                900,
            ),
            (
                "NEWSLETTER15",
                "Newsletter signup",
                Some(15.0),
                None,
                "once",
                None,
                None,
                233,
                None,
                true,
                350,
            ),
        ];
        let mut coupons = Vec::new();
        for (code, name, pct, off, duration, months, max, redeemed, by, valid, age) in rows {
            let mut c = json!({"id": code, "name": name, "duration": duration, "times_redeemed": redeemed, "valid": valid,
                "created": rfc3339(NOW - age * DAY)});
            if let Some(p) = pct {
                c["percent_off"] = json!(p);
            }
            if let Some(a) = off {
                c["amount_off"] = json!(a);
                c["currency"] = json!("usd");
            }
            if let Some(m) = months {
                c["duration_in_months"] = json!(m);
            }
            if let Some(m) = max {
                c["max_redemptions"] = json!(m);
            }
            if let Some(d) = by {
                c["redeem_by"] = json!(rfc3339(NOW + d * DAY));
            }
            coupons.push(c);
        }
        coupons.sort_by_key(|c| std::cmp::Reverse(c["created"].as_str().unwrap_or_default().to_string()));
        self.store.lists.insert("coupons", coupons);
        // (code, coupon, active, redeemed)
        let codes: [(&str, &str, bool, i64); 16] = [
            ("SUMMER25", "SUMMER25", true, 402),
            ("SUNNY25", "SUMMER25", true, 118),
            ("BEACH25", "SUMMER25", true, 90),
            ("POOLSIDE25", "SUMMER25", true, 77),
            ("PICNIC25", "SUMMER25", true, 55),
            ("SUNSET25", "SUMMER25", false, 0),
            ("SUMMERFUN", "SUMMER15", true, 96),
            ("WELCOME10", "WELCOME10", true, 1_204),
            ("HELLO10", "WELCOME10", true, 0),
            ("FREESHIP", "FREESHIP", true, 2_310),
            ("SHIPFREE", "FREESHIP", false, 0),
            ("NEWS15", "NEWSLETTER15", true, 233),
            ("VIPONLY", "VIP15", true, 41),
            ("STAFF", "STAFF40", true, 57),
            ("COMEBACK", "WINBACK20", true, 12),
            ("LOYAL5", "LOYALTY5", true, 388),
        ];
        let mut promos: Vec<Value> = codes
            .iter()
            .enumerate()
            .map(|(i, (code, coupon, active, redeemed))| {
                json!({"id": sid(&mut self.rng, "promo", 20), "code": code, "coupon": coupon, "active": active,
                       "times_redeemed": redeemed, "created": rfc3339(NOW - (400 - i as i64 * 20) * DAY)})
            })
            .collect();
        promos.reverse();
        self.store.lists.insert("promotion-codes", promos);
    }

    pub(super) fn payouts(&mut self) {
        let mut payouts = Vec::new();
        for week in 0..52i64 {
            let created = NOW - (3 + week * 7) * DAY - 8 * 3_600;
            let rng = &mut self.rng;
            let amount = rng.random_range(8_000..30_000) * 100 + rng.random_range(0..100);
            let (status, failure) = match week {
                0 => ("in_transit", None),
                1 => ("failed", Some("account_closed")),
                30 => ("failed", Some("could_not_process")),
                _ => ("paid", None),
            };
            let destination = if week <= 1 {
                "ba_1Qm8Lw2Xv7731"
            } else {
                "ba_1Pk2Jd9Rt4410"
            };
            let mut p = json!({"id": sid(rng, "po", 24), "amount": amount, "currency": "usd", "status": status,
                "destination": destination, "description": "LUMEN & OAK PAYOUT", "arrival_date": date(created + 2 * DAY),
                "created": rfc3339(created)});
            if let Some(f) = failure {
                p["failure_code"] = json!(f);
            }
            payouts.push(p);
        }
        self.store.lists.insert("payouts", payouts);
    }

    pub(super) fn payment_methods(&mut self) {
        let mut pms = Vec::new();
        let mut expiring: Vec<(u32, u32)> = Vec::new();
        for (m, y, n) in EXPIRING {
            expiring.extend(std::iter::repeat_n((m, y), n));
        }
        let customers: Vec<(String, String)> = self
            .customers
            .iter()
            .map(|c| (id_of(c), c["email"].as_str().unwrap_or_default().to_string()))
            .collect();
        for (i, (customer, email)) in customers.iter().enumerate() {
            let rng = &mut self.rng;
            let (month, year) = match i.checked_sub(20).filter(|k| k % 23 == 0).map(|k| k / 23) {
                Some(k) if k < expiring.len() => expiring[k],
                _ => (rng.random_range(1..13), rng.random_range(2027..2031)),
            };
            let kind = if i % 17 == 5 { "sepa_debit" } else { "card" };
            let mut pm = json!({"id": sid(rng, "pm", 24), "type": kind, "customer": customer, "billing_email": email,
                "created": rfc3339(NOW - rng.random_range(10..900) * DAY)});
            if kind == "card" {
                pm["card_brand"] = json!(weighted(
                    rng,
                    &[("visa", 50), ("mastercard", 30), ("amex", 14), ("discover", 6)]
                ));
                pm["card_last4"] = json!(format!("{:04}", rng.random_range(0..10_000)));
                pm["card_exp_month"] = json!(month);
                pm["card_exp_year"] = json!(year);
            }
            pms.push(pm);
        }
        pms.sort_by_key(|p| std::cmp::Reverse(p["created"].as_str().unwrap_or_default().to_string()));
        self.store.lists.insert("payment-methods", pms);
    }

    pub(super) fn fraud_lists(&mut self) {
        let lists = [
            ("blocked_emails", "Blocked emails", "email"),
            ("blocked_ips", "Blocked IP addresses", "ip_address"),
            ("vip_customers", "VIP customers", "customer_id"),
        ];
        let mut values: Vec<Value> = Vec::new();
        let mut items: HashMap<String, Vec<Value>> = HashMap::new();
        for (k, (alias, name, ty)) in lists.iter().enumerate() {
            let id = sid(&mut self.rng, "rsl", 20);
            values.push(json!({"id": id, "alias": alias, "name": name, "item_type": ty,
                               "created": rfc3339(NOW - (500 - k as i64 * 40) * DAY)}));
            let entries: Vec<String> = match *alias {
                "blocked_emails" => [
                    "chargeback.king@fastmail.example",
                    "free.stuff.now@inbox.example",
                    "tester9931@mail.example",
                    "no.reply.buyer@post.example",
                    "card.tester@webmail.example",
                    "refund.hunter@mail.example",
                    "drop.ship.fraud@inbox.example",
                    "xq77ml@post.example",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect(),
                "blocked_ips" => (0..10).map(|i| format!("185.220.101.{}", 3 + i * 11)).collect(),
                _ => ["Northwind Traders", "Harbor & Pine Interiors"]
                    .iter()
                    .map(|n| self.customer_id(n))
                    .collect(),
            };
            let list: Vec<Value> = entries
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    json!({"id": sid(&mut self.rng, "rsli", 20), "value": v, "created_by": "risk@lumenandoak.example",
                           "created": rfc3339(NOW - (300 - i as i64 * 9) * DAY)})
                })
                .rev()
                .collect();
            items.insert(id, list);
        }
        values.reverse();
        self.store.lists.insert("value-lists", values);
        self.store.nested.insert("value-list-items", items);
    }

    pub(super) fn invoice_items(&mut self) {
        let rows = [
            ("Pinecrest Dental", 4_500, "Assembly service"),
            ("Northwind Traders", 12_000, "White-glove delivery"),
            ("Brightline Studio", -5_000, "Trade discount"),
        ];
        let items: Vec<Value> = rows
            .iter()
            .enumerate()
            .map(|(i, (name, amount, what))| {
                json!({"id": sid(&mut self.rng, "ii", 24), "customer": self.customer_id(name), "amount": amount, "currency": "usd",
                       "description": what, "created": rfc3339(NOW - (2 + i as i64 * 3) * DAY)})
            })
            .collect();
        self.store.lists.insert("invoice-items", items);
        let available: i64 = 1_843_211;
        self.store.balance = Some(json!({"available_usd": available, "pending_usd": 612_040, "livemode": true}));
    }
}
