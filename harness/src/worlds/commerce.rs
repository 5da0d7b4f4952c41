//! The `commerce` world's realistic fixtures: the home-goods store "Lumen & Oak" with its
//! customers, catalog, a year of orders and charges, refunds, disputes, memberships
//! (subscriptions and their invoices), coupons, promotion codes, payouts and fraud lists.
//!
//! Every list is newest first, like the API it imitates. The data is built once per seed
//! by [`Store::build`]; the planted facts tasks rely on (and the decoys next to them) are
//! named by the constants below so tasks and tests agree.

use super::desc::{Description, Resource};
use super::fixtures::{Ctx, NOW, generate, rfc3339};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use std::collections::HashMap;

const DAY: i64 = 86_400;

/// 2026-01-01T00:00:00Z.
pub const YEAR_START: i64 = NOW - 323 * DAY - DAY / 2;

/// Customers planted with many large orders in 2026 (name, orders, unit price in cents).
pub const BIG_SPENDERS: [(&str, usize, i64); 3] = [
    ("Harbor & Pine Interiors", 24, 89_000),
    ("Maple Street Cafe", 22, 74_000),
    ("Okafor Design Co", 20, 68_000),
];

/// A customer whose 2026 charges add up to more than the third big spender, but most of it was refunded.
pub const REFUNDED_SPENDER: (&str, usize, i64) = ("Greystone Hotels", 20, 99_000);

/// Orders stuck in `processing` for more than ten days: days since they were placed.
pub const STUCK_DAYS: [i64; 7] = [11, 12, 14, 16, 19, 22, 25];

/// Orders in `processing` that are recent enough not to count as stuck (days since placed).
pub const NOT_STUCK_DAYS: [i64; 3] = [8, 9, 9];

/// Failed charges of the last ten days: (days ago, failure code, amount in cents).
pub const RECENT_FAILURES: [(i64, &str, i64); 15] = [
    (0, "insufficient_funds", 12_900),
    (1, "insufficient_funds", 45_800),
    (1, "card_declined", 8_900),
    (2, "insufficient_funds", 21_500),
    (3, "expired_card", 6_400),
    (3, "insufficient_funds", 9_900),
    (4, "card_declined", 31_000),
    (5, "insufficient_funds", 17_450),
    (5, "incorrect_cvc", 4_500),
    (6, "insufficient_funds", 26_000),
    (6, "card_declined", 13_300),
    (8, "insufficient_funds", 38_000),
    (8, "card_declined", 7_700),
    (9, "insufficient_funds", 15_200),
    (9, "insufficient_funds", 49_900),
];

/// Charges Radar rated `highest` risk in the last 40 days: (days ago, amount, what else is true).
/// Only the `"open"` ones within 30 days still need a refund.
pub const HIGH_RISK: [(i64, i64, &str); 9] = [
    (2, 64_900, "open"),
    (5, 129_900, "open"),
    (9, 38_500, "open"),
    (17, 89_000, "open"),
    (26, 45_000, "open"),
    (12, 72_000, "refunded"),
    (20, 55_500, "disputed"),
    (7, 99_000, "failed"),
    (35, 61_000, "open"),
];

/// Card expiry (month, year) planted on payment methods; the year is otherwise 2027 or later.
pub const EXPIRING: [(u32, u32, usize); 3] = [(11, 2026, 9), (10, 2026, 3), (12, 2026, 4)];

/// Coupon codes that existed and were deleted before the world's clock (tasks try to delete them again).
pub const GONE_COUPONS: [&str; 2] = ["FALL23", "EASTER23"];

const FIRST: [&str; 40] = [
    "Ava", "Liam", "Mia", "Noah", "Emma", "Lucas", "Sofia", "Ethan", "Chloe", "Mateo", "Zoe", "Leo", "Isla", "Omar",
    "Hana", "Felix", "Nora", "Ravi", "Elena", "Kai", "Priya", "Jonas", "Amara", "Theo", "Lucia", "Yusuf", "Clara",
    "Diego", "Freya", "Sam", "Ines", "Marco", "Aisha", "Tomas", "Greta", "Ivan", "Maya", "Oscar", "Lina", "Jude",
];
const LAST: [&str; 40] = [
    "Nguyen",
    "Smith",
    "Garcia",
    "Müller",
    "Rossi",
    "Dubois",
    "Kowalski",
    "Jensen",
    "Silva",
    "Tanaka",
    "Brown",
    "Haddad",
    "Novak",
    "Okafor",
    "Larsen",
    "Costa",
    "Weber",
    "Moreau",
    "Patel",
    "Kim",
    "Schmidt",
    "Lopez",
    "Berg",
    "Walsh",
    "Fischer",
    "Romano",
    "Clarke",
    "Ahmed",
    "Baker",
    "Kaur",
    "Meyer",
    "Santos",
    "Hughes",
    "Ito",
    "Vogel",
    "Murphy",
    "Petrov",
    "Lindqvist",
    "Adeyemi",
    "Byrne",
];
const DOMAINS: [&str; 5] = [
    "mail.example",
    "inbox.example",
    "post.example",
    "webmail.example",
    "fastmail.example",
];
const COUNTRIES: [(&str, u32); 10] = [
    ("US", 46),
    ("CA", 9),
    ("GB", 12),
    ("DE", 9),
    ("FR", 6),
    ("NL", 4),
    ("IE", 4),
    ("AU", 5),
    ("ES", 3),
    ("IT", 2),
];

/// The catalog: (name, category, price in cents, sku prefix).
const GOODS: [(&str, &str, i64); 32] = [
    ("Solstice Floor Lamp", "lighting", 18_900),
    ("Solstice Table Lamp", "lighting", 8_900),
    ("Aurora Desk Lamp", "lighting", 6_400),
    ("Halo Pendant Light", "lighting", 12_900),
    ("Ember Wall Sconce", "lighting", 7_700),
    ("Lumen String Lights", "lighting", 2_900),
    ("Orbit Ceiling Lamp", "lighting", 15_500),
    ("Oak Side Table", "furniture", 21_500),
    ("Walnut Bookshelf", "furniture", 64_900),
    ("Linen Lounge Chair", "furniture", 45_800),
    ("Birch Dining Chair", "furniture", 13_300),
    ("Terrazzo Coffee Table", "furniture", 38_500),
    ("Cedar Bench", "furniture", 17_450),
    ("Wool Throw Blanket", "textiles", 8_900),
    ("Linen Duvet Cover", "textiles", 12_900),
    ("Velvet Cushion", "textiles", 3_900),
    ("Jute Area Rug", "textiles", 26_000),
    ("Cotton Bath Towel Set", "textiles", 6_900),
    ("Stoneware Dinner Set", "kitchen", 15_200),
    ("Copper Kettle", "kitchen", 9_900),
    ("Ceramic Pour-Over", "kitchen", 4_500),
    ("Cast Iron Skillet", "kitchen", 6_400),
    ("Bamboo Cutting Board", "kitchen", 3_100),
    ("Standing Desk Frame", "office", 49_900),
    ("Ergo Task Chair", "office", 38_000),
    ("Felt Desk Pad", "office", 3_500),
    ("Monitor Riser", "office", 7_700),
    ("Brass Wall Mirror", "decor", 31_000),
    ("Clay Vase Trio", "decor", 5_800),
    ("Olive Tree Planter", "decor", 9_900),
    ("Walnut Wall Clock", "decor", 8_800),
    ("Marble Bookends", "decor", 4_400),
];

/// Stock planted on some goods (name, units); the rest have 12 to 240.
pub const LOW_STOCK: [(&str, i64); 7] = [
    ("Halo Pendant Light", 0),
    ("Ember Wall Sconce", 3),
    ("Orbit Ceiling Lamp", 2),
    ("Lumen String Lights", 4),
    ("Aurora Desk Lamp", 5),
    ("Jute Area Rug", 1),
    ("Copper Kettle", 2),
];

/// Membership prices: (lookup key, nickname, amount in cents, interval, active).
const PLANS: [(&str, &str, i64, &str, bool); 7] = [
    ("plus_monthly", "Plus monthly", 999, "month", true),
    ("plus_yearly", "Plus yearly", 9_900, "year", true),
    ("pro_monthly", "Pro monthly", 2_900, "month", true),
    ("pro_yearly", "Pro yearly", 29_000, "year", true),
    ("starter_monthly", "Starter monthly", 700, "month", true),
    ("starter_2023_monthly", "Starter 2023 monthly", 500, "month", false),
    ("pro_yearly_2024", "Pro yearly (2024)", 24_900, "year", false),
];

fn sid(rng: &mut ChaCha8Rng, prefix: &str, n: usize) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let tail: String = (0..n)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{prefix}_{tail}")
}

fn weighted<'a>(rng: &mut ChaCha8Rng, options: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = options.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for (o, w) in options {
        if roll < *w {
            return o;
        }
        roll -= w;
    }
    options.first().map(|(o, _)| *o).unwrap_or("")
}

fn date(secs: i64) -> String {
    rfc3339(secs)[..10].to_string()
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap_or_default().to_string()
}

/// An order in the making, before numbers are given and lists are sorted.
struct Order {
    value: Value,
    created: i64,
}

/// The whole store, built once per seed.
#[derive(Default)]
pub struct Store {
    lists: HashMap<&'static str, Vec<Value>>,
    nested: HashMap<&'static str, HashMap<String, Vec<Value>>>,
    balance: Option<Value>,
}

impl Store {
    /// Builds every collection of the store from `seed`.
    pub fn build(seed: u64) -> Self {
        let mut b = Builder {
            rng: ChaCha8Rng::seed_from_u64(seed ^ 0x00c0_ffee),
            store: Store::default(),
            customers: Vec::new(),
            products: Vec::new(),
            prices: HashMap::new(),
            orders: Vec::new(),
            charges: Vec::new(),
            refunds: Vec::new(),
        };
        b.catalog();
        b.customers();
        b.orders();
        b.planted_orders();
        b.finish_orders();
        b.disputes();
        b.subscriptions();
        b.one_off_invoices();
        b.coupons();
        b.payouts();
        b.payment_methods();
        b.fraud_lists();
        b.invoice_items();
        let customers = std::mem::take(&mut b.customers);
        let mut store = b.store;
        store.lists.insert("customers", customers);
        let by_created = |v: &Value| std::cmp::Reverse(v["created"].as_str().unwrap_or_default().to_string());
        for key in [
            "charges",
            "refunds",
            "orders",
            "customers",
            "subscriptions",
            "invoices",
            "payouts",
            "products",
            "prices",
        ] {
            if let Some(list) = store.lists.get_mut(key) {
                list.sort_by_key(by_created);
            }
        }
        store
    }

    fn list(&self, key: &str) -> Vec<Value> {
        self.lists.get(key).cloned().unwrap_or_default()
    }
}

/// A subscription to plant: (customer id, plan lookup key, status, started days ago,
/// canceled days ago, cancel at period end, quantity).
type SubRow = (String, &'static str, &'static str, i64, Option<i64>, bool, i64);

struct Builder {
    rng: ChaCha8Rng,
    store: Store,
    customers: Vec<Value>,
    products: Vec<Value>,
    /// Price id by lookup key (memberships) or product name (goods).
    prices: HashMap<String, (String, i64)>,
    orders: Vec<Order>,
    charges: Vec<Value>,
    refunds: Vec<Value>,
}

impl Builder {
    fn catalog(&mut self) {
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

    fn customer(&mut self, name: &str, email: &str, country: &str, created: i64) -> Value {
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

    fn customers(&mut self) {
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

    fn customer_id(&self, name: &str) -> String {
        self.customers
            .iter()
            .find(|c| c["name"] == json!(name))
            .map(id_of)
            .unwrap_or_default()
    }

    fn good(&mut self) -> (String, String, i64) {
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
    fn order(
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

    fn charge(&mut self, order: usize, status: &str, failure: Option<&str>, at: i64) -> usize {
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

    fn refund(&mut self, charge: usize, amount: i64, reason: &str, at: i64) {
        let rng = &mut self.rng;
        let c = &mut self.charges[charge];
        let refunded = c["amount_refunded"].as_i64().unwrap_or(0) + amount;
        c["amount_refunded"] = json!(refunded);
        c["refunded"] = json!(refunded >= c["amount"].as_i64().unwrap_or(0));
        let r = json!({"id": sid(rng, "re", 24), "charge": c["id"], "amount": amount, "currency": "usd", "reason": reason,
            "status": "succeeded", "created": rfc3339(at)});
        self.refunds.push(r);
    }

    fn random_status(&mut self, age_days: i64) -> &'static str {
        let rng = &mut self.rng;
        match age_days {
            0..=1 => weighted(rng, &[("pending", 30), ("processing", 70)]),
            2..=6 => weighted(rng, &[("processing", 30), ("shipped", 70)]),
            7..=13 => weighted(rng, &[("shipped", 40), ("delivered", 60)]),
            _ => weighted(rng, &[("delivered", 94), ("canceled", 2), ("returned", 4)]),
        }
    }

    fn orders(&mut self) {
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
    fn pay(&mut self, o: usize, age: i64) {
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

    fn planted_orders(&mut self) {
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

    fn product_id(&self, name: &str) -> String {
        self.products
            .iter()
            .find(|p| p["name"] == json!(name))
            .map(id_of)
            .unwrap_or_default()
    }

    fn random_buyer(&mut self) -> (String, String) {
        let c = &self.customers[self.rng.random_range(0..400)];
        (id_of(c), c["address_country"].as_str().unwrap_or("US").to_string())
    }

    /// Numbers orders by age and stores orders, charges and refunds.
    fn finish_orders(&mut self) {
        let mut order: Vec<usize> = (0..self.orders.len()).collect();
        order.sort_by_key(|&i| (self.orders[i].created, i));
        for (n, i) in order.iter().enumerate() {
            self.orders[*i].value["number"] = json!(format!("A-{}", 10_001 + n));
        }
        let orders: Vec<Value> = self.orders.iter().map(|o| o.value.clone()).collect();
        self.store.lists.insert("orders", orders);
    }

    fn disputes(&mut self) {
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

    fn subscriptions(&mut self) {
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

    fn one_off_invoices(&mut self) {
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

    fn coupons(&mut self) {
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

    fn payouts(&mut self) {
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

    fn payment_methods(&mut self) {
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

    fn fraud_lists(&mut self) {
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

    fn invoice_items(&mut self) {
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

/// The commerce world's fixtures from its description.
pub fn fixtures(desc: &Description, seed: u64) -> Value {
    let store = Store::build(seed);
    generate(desc, seed, &move |r, ctx| custom(&store, r, ctx))
}

fn custom(store: &Store, r: &Resource, ctx: &mut Ctx<'_>) -> Option<Vec<Value>> {
    let parent = ctx
        .parent
        .and_then(|p| p.get("id"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    match r.id.as_str() {
        "customers" | "payment-methods" | "products" | "prices" | "orders" | "charges" | "refunds" | "disputes"
        | "invoices" | "invoice-items" | "subscriptions" | "coupons" | "promotion-codes" | "payouts"
        | "value-lists" => Some(store.list(&r.id)),
        "customer-balance-transactions" | "customer-tax-ids" | "invoice-lines" | "value-list-items" => Some(
            store
                .nested
                .get(r.id.as_str())
                .and_then(|m| m.get(parent))
                .cloned()
                .unwrap_or_default(),
        ),
        "balance" => store.balance.clone().map(|b| vec![b]),
        _ => None,
    }
}
