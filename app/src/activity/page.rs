//! The activity page: the log's entries, newest first, filtered by action or admin, a page at a time.

use leptos::prelude::*;
use rules::Catalog;

use super::texts::ActivityTexts;
use super::{activity_admins, activity_log, ActivityAction, ActivityEntry, ActivityPage};
use crate::error::AppError;
use crate::history::{import_href, when};
use crate::i18n::{use_lang, use_texts};
use crate::pager::CursorPager;
use crate::top_bar::top_bar;

#[component]
pub fn ActivityLogPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || ActivityTexts::of(lang.get());
    let texts = use_texts();
    let action = RwSignal::new(String::new());
    let admin = RwSignal::new(None::<i64>);
    let pager = CursorPager::new();
    let log: Resource<Result<ActivityPage, AppError>> = Resource::new(
        move || (action.get(), admin.get(), pager.cursor()),
        |(action, admin, cursor)| activity_log(Some(action), admin, cursor),
    );
    let admins = Resource::new(|| (), |_| activity_admins());
    let first_page = move || pager.reset();
    let next_cursor = move || log.get().and_then(Result::ok).and_then(|p| p.next_cursor);
    view! {
        {top_bar()}
        <main class="history-page">
            <div class="page-head">
                <h1>{move || t().title}</h1>
                <a href="/">{move || crate::history::texts::HistoryTexts::of(lang.get()).back_to_users}</a>
            </div>
            <div class="list-filters">
                <label class="filter">
                    <span>{move || t().filter_action}</span>
                    <select
                        id="filter-action"
                        on:change=move |ev| {
                            action.set(event_target_value(&ev));
                            first_page();
                        }
                    >
                        <option value="">{move || t().any}</option>
                        {ActivityAction::ALL
                            .into_iter()
                            .map(|a| view! { <option value=a.as_str()>{move || t().action(a)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="filter">
                    <span>{move || t().filter_admin}</span>
                    <select
                        id="filter-admin"
                        on:change=move |ev| {
                            admin.set(event_target_value(&ev).parse().ok());
                            first_page();
                        }
                    >
                        <option value="">{move || t().any}</option>
                        <Suspense>
                            {move || {
                                admins
                                    .get()
                                    .and_then(Result::ok)
                                    .map(|all| {
                                        all.into_iter()
                                            .map(|(id, email)| view! { <option value=id.to_string()>{email}</option> })
                                            .collect_view()
                                    })
                            }}
                        </Suspense>
                    </select>
                </label>
            </div>
            <Transition fallback=move || view! { <p class="loading">{move || texts().loading}</p> }>
                {move || {
                    log.get()
                        .map(|result| match result {
                            Ok(page) if page.entries.is_empty() => {
                                view! { <p class="empty">{move || t().empty}</p> }.into_any()
                            }
                            Ok(page) => entries_table(page.entries).into_any(),
                            Err(err) => {
                                view! { <p class="form-error" role="alert">{err.message(lang.get())}</p> }
                                    .into_any()
                            }
                        })
                }}
                {pager.view(next_cursor)}
            </Transition>
        </main>
    }
}

fn entries_table(entries: Vec<ActivityEntry>) -> impl IntoView {
    let lang = use_lang();
    let t = move || ActivityTexts::of(lang.get());
    view! {
        <table class="history activity">
            <thead>
                <tr>
                    <th scope="col">{move || t().col_when}</th>
                    <th scope="col">{move || t().col_who}</th>
                    <th scope="col">{move || t().col_action}</th>
                    <th scope="col">{move || t().col_subject}</th>
                    <th scope="col">{move || t().col_details}</th>
                </tr>
            </thead>
            <tbody>
                {entries
                    .into_iter()
                    .map(|e| {
                        let action = e.action;
                        let subject = e.subject_id.map(|id| {
                            if matches!(action, ActivityAction::Import | ActivityAction::Undo) {
                                view! { <a href=import_href(id)>{format!("#{id}")}</a> }.into_any()
                            } else if matches!(
                                action,
                                ActivityAction::BulkAddToGroup
                                    | ActivityAction::BulkRemoveFromGroup
                                    | ActivityAction::GroupRename
                            ) {
                                // A group's members: the Users list filtered by it.
                                view! { <a href=format!("/?group={id}")>{format!("#{id}")}</a> }.into_any()
                            } else {
                                view! { <span>{format!("#{id}")}</span> }.into_any()
                            }
                        });
                        let token = e.token.clone();
                        let details = e
                            .details
                            .iter()
                            .map(|(k, v)| format!("{k}: {v}"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        view! {
                            <tr data-action=action.as_str()>
                                <td><time datetime=e.at.clone()>{when(&e.at)}</time></td>
                                <td>
                                    {e.admin}
                                    {token.map(|name| view! { <span class="muted">" " {move || (t().via_token)(&name)}</span> })}
                                </td>
                                <td>{move || t().action(action)}</td>
                                <td>{subject}</td>
                                <td>{details}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
