//! The `commerce` store's catalog, customers, and a year of orders with their charges and refunds (planted big spenders, stuck and failed orders).

use super::*;

impl Builder {
    pub(super) fn catalog(&mut self) {
        let mut prices = Vec::new();
        for (i, (name, category, amount)) in GOODS.iter().enumerate() {
            let rng = &mut self.rng;
            let id = sid(rng, "prod", 14);
            let price_id = sid(rng, "price", 24);
            let created = NOW - rng.random_range(400..900) * DAY;
            let inventory = LOW_STOCK
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, u)| *u)
                .unwrap_or_else(|| rng.random_range(12..240));
            let sku = format!("LO-{}-{:03}", category[..3].to_ascii_uppercase(), 100 + i * 7);
            self.products.push(json!({"id": id, "name": name, "description": format!("{name} from the Lumen & Oak {category} collection"),
                "active": true, "type": "good", "category": category, "sku": sku, "inventory": inventory,
                "default_price": price_id, "metadata": {"collection": category}, "created": rfc3339(created),
                "updated": rfc3339(created + rng.random_range(1..300) * DAY)}));
            prices.push(
                json!({"id": price_id, "product": id, "nickname": format!("{name} (USD)"), "unit_amount": amount,
                "currency": "usd", "type": "one_time", "active": true, "created": rfc3339(created)}),
            );
            self.prices.insert(name.to_string(), (price_id, *amount));
            // Lamps and some furniture also sell in euros and pounds; the floor lamp had a launch price.
            if i % 3 == 0 {
                let eur = sid(rng, "price", 24);
                prices.push(json!({"id": eur, "product": id, "nickname": format!("{name} (EUR)"), "unit_amount": amount / 100 * 95 + 99,
                    "currency": "eur", "type": "one_time", "active": true, "created": rfc3339(created + 30 * DAY)}));
            }
            if *name == "Solstice Floor Lamp" {
                let launch = sid(rng, "price", 24);
                prices.push(json!({"id": launch, "product": id, "nickname": "Solstice Floor Lamp launch offer", "unit_amount": 15_900,
                    "currency": "usd", "type": "one_time", "active": false, "created": rfc3339(created)}));
            }
        }
        let membership = sid(&mut self.rng, "prod", 14);
        let created = NOW - 700 * DAY;
        for (key, nickname, amount, interval, active) in PLANS {
            let id = sid(&mut self.rng, "price", 24);
            prices.push(
                json!({"id": id, "product": membership, "nickname": nickname, "unit_amount": amount, "currency": "usd",
                "type": "recurring", "recurring_interval": interval, "active": active, "lookup_key": key,
                "created": rfc3339(created + if active { 200 * DAY } else { 0 })}),
            );
            self.prices.insert(key.to_string(), (id, amount));
        }
        let default = self.prices.get("plus_monthly").map(|p| p.0.clone()).unwrap_or_default();
        self.products.push(json!({"id": membership, "name": "Lumen+ Membership", "description": "Free shipping, members-only prices and early access to new collections",
            "active": true, "type": "service", "category": "membership", "default_price": default,
            "created": rfc3339(created), "updated": rfc3339(created + 200 * DAY)}));
        // Newest first.
        self.products.reverse();
        prices.reverse();
        self.store.lists.insert("products", self.products.clone());
        self.store.lists.insert("prices", prices);
    }

    pub(super) fn customer(&mut self, name: &str, email: &str, country: &str, created: i64) -> Value {
        let rng = &mut self.rng;
        let currency = match country {
            "DE" | "FR" | "NL" | "IE" | "ES" | "IT" => "eur",
            "GB" => "gbp",
            "CA" => "cad",
            _ => "usd",
        };
        let mut c = json!({"id": sid(rng, "cus", 14), "email": email, "name": name, "currency": currency, "balance": 0,
            "delinquent": false, "tax_exempt": "none", "address_country": country, "created": rfc3339(created)});
        if rng.random_bool(0.6) {
            c["phone"] = json!(format!("+1 555 01{:02}", rng.random_range(0..100)));
        }
        c
    }

    pub(super) fn customers(&mut self) {
        let mut used = std::collections::HashSet::new();
        while self.customers.len() < 400 {
            let first = FIRST[self.rng.random_range(0..FIRST.len())];
            let last = LAST[self.rng.random_range(0..LAST.len())];
            if !used.insert((first, last)) || (first == "Jamie") {
                continue;
            }
            let domain = DOMAINS[self.rng.random_range(0..DOMAINS.len())];
            let ascii_last = last.replace('ü', "ue");
            let email = format!("{}.{}@{domain}", first.to_lowercase(), ascii_last.to_lowercase());
            let country = weighted(&mut self.rng, &COUNTRIES);
            let created = NOW - self.rng.random_range(20..1_100) * DAY - self.rng.random_range(0..DAY);
            let c = self.customer(&format!("{first} {last}"), &email, country, created);
            self.customers.push(c);
        }
        let planted: [(&str, &str, &str, i64); 12] = [
            ("Northwind Traders", "ap@northwind.example", "US", 640),
            ("Jamie Rivera", "jamie.rivera@mail.example", "US", 300),
            ("Jamie Riviera", "jamie.riviera@inbox.example", "US", 120),
            ("Brightline Studio", "ops@brightline.example", "GB", 410),
            ("Dana Whitfield", "dana.whitfield@post.example", "US", 200),
            ("Dana Whitfield", "dana.w@studio-whitfield.example", "CA", 40),
            ("Harbor & Pine Interiors", "purchasing@harborpine.example", "US", 500),
            ("Maple Street Cafe", "owner@maplestreetcafe.example", "US", 380),
            ("Okafor Design Co", "studio@okafordesign.example", "GB", 450),
            ("Greystone Hotels", "procurement@greystone.example", "IE", 520),
            ("Tessa Lindqvist", "tessa@lindqvist.example", "DE", 90),
            ("Pinecrest Dental", "office@pinecrest.example", "US", 610),
        ];
        for (name, email, country, days) in planted {
            let mut c = self.customer(name, email, country, NOW - days * DAY - 3_600);
            if name == "Northwind Traders" {
                c["balance"] = json!(-12_500);
                c["description"] = json!("Wholesale account, net-30 terms");
            }
            if name == "Tessa Lindqvist" {
                c["tax_exempt"] = json!("reverse");
            }
            self.customers.push(c);
        }
        // Some customers carry notes and segments.
        for c in self.customers.iter_mut().step_by(7) {
            c["metadata"] = json!({"segment": "newsletter"});
        }
    }

    pub(super) fn customer_id(&self, name: &str) -> String {
        self.customers
            .iter()
            .find(|c| c["name"] == json!(name))
            .map(id_of)
            .unwrap_or_default()
    }

    pub(super) fn good(&mut self) -> (String, String, i64) {
        let i = self.rng.random_range(0..GOODS.len());
        let (name, _, _) = GOODS[i];
        let product = self
            .products
            .iter()
            .find(|p| p["name"] == json!(name))
            .map(id_of)
            .unwrap_or_default();
        let amount = self.prices.get(name).map(|p| p.1).unwrap_or_default();
        (product, name.to_string(), amount)
    }

    /// Adds an order and its charges; returns the index of the order.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn order(
        &mut self,
        customer: &str,
        product: &str,
        quantity: i64,
        unit: i64,
        created: i64,
        status: &str,
        country: &str,
    ) -> usize {
        let rng = &mut self.rng;
        let shipping = if unit * quantity >= 10_000 { 0 } else { 599 };
        let total = unit * quantity + shipping;
        let mut o = json!({"id": sid(rng, "ord", 14), "customer": customer, "product": product, "quantity": quantity,
            "amount_total": total, "currency": "usd", "status": status, "shipping_country": country, "created": rfc3339(created)});
        if matches!(status, "shipped" | "delivered" | "returned") {
            let carrier = weighted(rng, &[("ups", 40), ("fedex", 25), ("usps", 20), ("dhl", 15)]);
            let tracking = match carrier {
                "ups" => format!("1Z{}", sid(rng, "", 16)[1..].to_ascii_uppercase()),
                "fedex" => rng.random_range(100_000_000_000u64..999_999_999_999).to_string(),
                "usps" => format!("9400{}", rng.random_range(1_000_000_000_000u64..9_999_999_999_999)),
                _ => format!("JD{}", rng.random_range(100_000_000_000u64..999_999_999_999)),
            };
            o["carrier"] = json!(carrier);
            o["tracking_number"] = json!(tracking);
            o["shipped_at"] = json!(rfc3339(created + rng.random_range(DAY / 2..3 * DAY)));
        }
        self.orders.push(Order { value: o, created });
        self.orders.len() - 1
    }

    pub(super) fn charge(&mut self, order: usize, status: &str, failure: Option<&str>, at: i64) -> usize {
        let rng = &mut self.rng;
        let o = &self.orders[order].value;
        let brand = weighted(rng, &[("visa", 50), ("mastercard", 30), ("amex", 14), ("discover", 6)]);
        let kind = weighted(
            rng,
            &[("card", 88), ("paypal", 7), ("sepa_debit", 3), ("us_bank_account", 2)],
        );
        let mut c = json!({"id": sid(rng, "ch", 24), "amount": o["amount_total"], "amount_refunded": 0, "currency": "usd",
            "customer": o["customer"], "order_id": o["id"], "payment_method_type": kind, "status": status,
            "risk_level": "normal", "refunded": false, "disputed": false,
            "description": "Lumen & Oak order", "created": rfc3339(at)});
        if kind == "card" {
            c["card_brand"] = json!(brand);
        }
        if let Some(code) = failure {
            c["failure_code"] = json!(code);
        }
        self.charges.push(c);
        self.charges.len() - 1
    }

    pub(super) fn refund(&mut self, charge: usize, amount: i64, reason: &str, at: i64) {
        let rng = &mut self.rng;
        let c = &mut self.charges[charge];
        let refunded = c["amount_refunded"].as_i64().unwrap_or(0) + amount;
        c["amount_refunded"] = json!(refunded);
        c["refunded"] = json!(refunded >= c["amount"].as_i64().unwrap_or(0));
        let r = json!({"id": sid(rng, "re", 24), "charge": c["id"], "amount": amount, "currency": "usd", "reason": reason,
            "status": "succeeded", "created": rfc3339(at)});
        self.refunds.push(r);
    }

    pub(super) fn random_status(&mut self, age_days: i64) -> &'static str {
        let rng = &mut self.rng;
        match age_days {
            0..=1 => weighted(rng, &[("pending", 30), ("processing", 70)]),
            2..=6 => weighted(rng, &[("processing", 30), ("shipped", 70)]),
            7..=13 => weighted(rng, &[("shipped", 40), ("delivered", 60)]),
            _ => weighted(rng, &[("delivered", 94), ("canceled", 2), ("returned", 4)]),
        }
    }

    pub(super) fn orders(&mut self) {
        let buyers: Vec<(String, String)> = self
            .customers
            .iter()
            .take(400)
            .map(|c| (id_of(c), c["address_country"].as_str().unwrap_or("US").to_string()))
            .collect();
        for _ in 0..2_860 {
            let (customer, country) = buyers[self.rng.random_range(0..buyers.len())].clone();
            let (product, _, unit) = self.good();
            let quantity = *[1, 1, 1, 1, 2, 2, 3].get(self.rng.random_range(0..7)).unwrap_or(&1);
            let age = self.rng.random_range(0..365);
            let created = NOW - age * DAY - self.rng.random_range(0..DAY);
            let status = self.random_status(age);
            let o = self.order(&customer, &product, quantity, unit, created, status, &country);
            self.pay(o, age);
        }
    }

    /// Charges an order: random earlier failures on older orders, refunds for cancellations and returns.
    pub(super) fn pay(&mut self, o: usize, age: i64) {
        let created = self.orders[o].created;
        let status = self.orders[o].value["status"].as_str().unwrap_or_default().to_string();
        if status == "pending" {
            return;
        }
        if age > 10 && self.rng.random_bool(0.05) {
            let code = weighted(
                &mut self.rng,
                &[
                    ("card_declined", 45),
                    ("insufficient_funds", 30),
                    ("expired_card", 15),
                    ("incorrect_cvc", 10),
                ],
            );
            self.charge(o, "failed", Some(code), created + 20);
        }
        let c = self.charge(o, "succeeded", None, created + 60);
        if age > 40 {
            let risk = weighted(&mut self.rng, &[("normal", 92), ("elevated", 7), ("highest", 1)]);
            self.charges[c]["risk_level"] = json!(risk);
        } else if self.rng.random_bool(0.06) {
            self.charges[c]["risk_level"] = json!("elevated");
        }
        let amount = self.charges[c]["amount"].as_i64().unwrap_or(0);
        match status.as_str() {
            "canceled" => self.refund(c, amount, "requested_by_customer", created + 2 * DAY),
            "returned" => self.refund(c, amount, "requested_by_customer", created + 12 * DAY),
            "delivered" if self.rng.random_bool(0.01) => {
                self.refund(c, amount / 5, "requested_by_customer", created + 9 * DAY)
            }
            _ => {}
        }
    }

    pub(super) fn planted_orders(&mut self) {
        // Big spenders: many large orders spread over 2026.
        for (name, n, unit) in BIG_SPENDERS.iter().chain([REFUNDED_SPENDER].iter()) {
            let customer = self.customer_id(name);
            let country = if *name == "Okafor Design Co" {
                "GB"
            } else if *name == "Greystone Hotels" {
                "IE"
            } else {
                "US"
            };
            for k in 0..*n {
                let age = 20 + (k as i64 * 290) / *n as i64;
                let created = NOW - age * DAY - 5_000;
                let product = self.good().0;
                let o = self.order(&customer, &product, 1, *unit, created, "delivered", country);
                let c = self.charge(o, "succeeded", None, created + 60);
                if *name == "Greystone Hotels" && k % 2 == 0 {
                    self.orders[o].value["status"] = json!("returned");
                    let amount = self.charges[c]["amount"].as_i64().unwrap_or(0);
                    self.refund(c, amount, "requested_by_customer", created + 15 * DAY);
                }
            }
        }
        // Orders stuck in processing, and recent ones that are not stuck yet.
        for days in STUCK_DAYS.iter().chain(NOT_STUCK_DAYS.iter()) {
            let (customer, country) = self.random_buyer();
            let (product, _, unit) = self.good();
            let created = NOW - days * DAY - 7_200;
            let o = self.order(&customer, &product, 1, unit, created, "processing", &country);
            self.charge(o, "succeeded", None, created + 60);
        }
        // An old order still pending payment (not processing).
        let (customer, country) = self.random_buyer();
        let (product, _, unit) = self.good();
        self.order(&customer, &product, 1, unit, NOW - 18 * DAY, "pending", &country);
        // Recent failed charges (the order is then paid by a retry, except the last two days).
        for (days, code, amount) in RECENT_FAILURES {
            let (customer, country) = self.random_buyer();
            let product = self.good().0;
            let created = NOW - days * DAY - 3 * 3_600;
            let status = if days <= 1 { "pending" } else { "processing" };
            let o = self.order(&customer, &product, 1, amount - 599, created, status, &country);
            self.orders[o].value["amount_total"] = json!(amount);
            self.charge(o, "failed", Some(code), created + 30);
            if days > 1 {
                self.charge(o, "succeeded", None, created + 4 * 3_600);
            }
        }
        // Highest-risk charges.
        for (days, amount, what) in HIGH_RISK {
            let (customer, country) = self.random_buyer();
            let product = self.good().0;
            let created = NOW - days * DAY - 9_000;
            let status = match days {
                0..=6 => "shipped",
                _ => "delivered",
            };
            let o = self.order(&customer, &product, 1, amount, created, status, &country);
            let c = self.charge(
                o,
                if what == "failed" { "failed" } else { "succeeded" },
                (what == "failed").then_some("card_declined"),
                created + 60,
            );
            self.charges[c]["risk_level"] = json!("highest");
            if what == "failed" {
                self.orders[o].value["status"] = json!("canceled");
            }
            if what == "refunded" {
                self.refund(c, amount, "fraudulent", created + DAY);
            }
            if what == "disputed" {
                self.charges[c]["disputed"] = json!(true);
            }
        }
        // Jamie Rivera: three older orders and a recent one whose first charge failed.
        let jamie = self.customer_id("Jamie Rivera");
        for (days, name) in [
            (210, "Velvet Cushion"),
            (120, "Copper Kettle"),
            (45, "Wool Throw Blanket"),
            (9, "Stoneware Dinner Set"),
        ] {
            let product = self.product_id(name);
            let unit = GOODS.iter().find(|g| g.0 == name).map(|g| g.2).unwrap_or(0);
            let created = NOW - days * DAY - 11_000;
            let o = self.order(&jamie, &product, 1, unit, created, "delivered", "US");
            if days == 9 {
                self.charge(o, "failed", Some("card_declined"), created + 30);
            }
            self.charge(o, "succeeded", None, created + 600);
        }
        // Jamie Riviera (a different person) ordered after Jamie Rivera.
        let riviera = self.customer_id("Jamie Riviera");
        let product = self.product_id("Cast Iron Skillet");
        let o = self.order(&riviera, &product, 1, 6_400, NOW - 3 * DAY, "shipped", "US");
        self.charge(o, "succeeded", None, NOW - 3 * DAY + 60);
        // Dana Whitfield's lounge chair (disputed later).
        let dana = self.customer_id("Dana Whitfield");
        let product = self.product_id("Linen Lounge Chair");
        let o = self.order(&dana, &product, 1, 45_800, NOW - 32 * DAY, "delivered", "US");
        self.charge(o, "succeeded", None, NOW - 32 * DAY + 60);
        // Pinecrest Dental furnished a new office in October: the largest order of the month.
        let pinecrest = self.customer_id("Pinecrest Dental");
        let product = self.product_id("Standing Desk Frame");
        let created = NOW - 37 * DAY - 20_000;
        let o = self.order(&pinecrest, &product, 6, 49_900, created, "delivered", "US");
        self.charge(o, "succeeded", None, created + 60);
        // Northwind's recent wholesale order.
        let northwind = self.customer_id("Northwind Traders");
        let product = self.product_id("Birch Dining Chair");
        let o = self.order(&northwind, &product, 12, 13_300, NOW - 6 * DAY, "shipped", "US");
        self.charge(o, "succeeded", None, NOW - 6 * DAY + 60);
    }

    pub(super) fn product_id(&self, name: &str) -> String {
        self.products
            .iter()
            .find(|p| p["name"] == json!(name))
            .map(id_of)
            .unwrap_or_default()
    }

    pub(super) fn random_buyer(&mut self) -> (String, String) {
        let c = &self.customers[self.rng.random_range(0..400)];
        (id_of(c), c["address_country"].as_str().unwrap_or("US").to_string())
    }

    /// Numbers orders by age and stores orders, charges and refunds.
    pub(super) fn finish_orders(&mut self) {
        let mut order: Vec<usize> = (0..self.orders.len()).collect();
        order.sort_by_key(|&i| (self.orders[i].created, i));
        for (n, i) in order.iter().enumerate() {
            self.orders[*i].value["number"] = json!(format!("A-{}", 10_001 + n));
        }
        let orders: Vec<Value> = self.orders.iter().map(|o| o.value.clone()).collect();
        self.store.lists.insert("orders", orders);
    }
}
