/// Customers found by Telegram and WeChat id use an index, as they already did by email, phone and wallet account.
///
/// Every message from a Telegram or WeChat contact looks its sender up by that id (see
/// `SQLDeskStore.resolveRequesters`); without these indexes each lookup read the whole customers table, on SQLite inside
/// the single writer's transaction. Not unique: data written before this migration may hold the same id twice, and a
/// unique index would stop the upgrade there.
let m0010CustomerMessengerIDs = Migration(
    version: 10,
    name: "customer_messenger_ids",
    sqlite: [
        "CREATE INDEX customers_telegram ON customers(telegram_id) WHERE telegram_id IS NOT NULL",
        "CREATE INDEX customers_wechat ON customers(wechat_id) WHERE wechat_id IS NOT NULL",
    ],
    postgres: [
        "CREATE INDEX customers_telegram ON customers (telegram_id) WHERE telegram_id IS NOT NULL",
        "CREATE INDEX customers_wechat ON customers (wechat_id) WHERE wechat_id IS NOT NULL",
    ]
)
