//! The sign-in throttle becomes one counter per key (`sign_in_throttle`: an account, an address, or the two
//! together) instead of one row per failure, so its size is bounded by the keys seen in a day rather than by an
//! attacker's request rate, and a count can be taken in one atomic statement. `sign_in_addresses` remembers where
//! each account last signed in successfully: from such an address the account's own counter does not apply, so
//! an attacker elsewhere cannot lock the owner out. Times are milliseconds since 1970, so the growing delays can
//! be computed inside that statement on both databases.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("sign_in_throttle")
                    .col(ColumnDef::new("key").string_len(200).not_null().primary_key())
                    .col(ColumnDef::new("failures").integer().not_null())
                    .col(ColumnDef::new("next_at").big_integer().not_null())
                    .col(ColumnDef::new("last_at").big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sign_in_throttle_last_at_idx")
                    .table("sign_in_throttle")
                    .col("last_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sign_in_addresses")
                    .col(ColumnDef::new("account").string_len(200).not_null())
                    .col(ColumnDef::new("address").string_len(64).not_null())
                    .col(ColumnDef::new("last_at").big_integer().not_null())
                    .primary_key(Index::create().col("account").col("address"))
                    .to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table("sign_in_failures").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::m20261124_000005_create_sign_in_failures::Migration.up(manager).await?;
        manager.drop_table(Table::drop().table("sign_in_addresses").to_owned()).await?;
        manager.drop_table(Table::drop().table("sign_in_throttle").to_owned()).await
    }
}
