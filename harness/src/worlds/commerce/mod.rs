//! The `commerce` world's realistic fixtures: the home-goods store "Lumen & Oak" with its
//! customers, catalog, a year of orders and charges, refunds, disputes, memberships
//! (subscriptions and their invoices), coupons, promotion codes, payouts and fraud lists.
//!
//! Every list is newest first, like the API it imitates. The data is built once per seed
//! by [`Store::build`]; the planted facts tasks rely on (and the decoys next to them) are
//! named by the constants below so tasks and tests agree.

use super::desc::{Description, Resource};
use super::fixtures::{Ctx, NOW, generate, rfc3339};
use crate::time::date;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use std::collections::HashMap;

mod billing;
mod extras;
mod sales;

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
