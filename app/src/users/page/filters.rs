//! The list's search box and filters: status, invitation, language, country and group. Each change shows the view from
//! its first page and is written to the address.

use leptos::prelude::*;

use super::{GroupsResource, View};
use crate::groups::texts::GroupTexts;
use crate::i18n::{use_lang, use_texts, Texts};
use crate::users::{InvitationState, UserStatus};
use rules::Catalog;

#[component]
pub(super) fn Filters(view: View, groups: GroupsResource) -> impl IntoView {
    let texts = use_texts();
    let lang = use_lang();
    let on_search = move |ev: leptos::ev::Event| {
        let mut query = view.query.get_untracked().first_page();
        query.search = event_target_value(&ev);
        view.replace(query);
    };
    // Labels, not texts: each option reads its text in the current language, so a language switch renames it.
    let status_options: [(&str, Label); 4] = [
        ("", |t| t.filter_any),
        ("Pending", |t| t.status_pending),
        ("Active", |t| t.status_active),
        ("Suspended", |t| t.status_suspended),
    ];
    let invitation_options: [(&str, Label); 4] = [
        ("", |t| t.filter_any),
        ("queued", |t| t.invitation_queued),
        ("sent", |t| t.invitation_sent),
        ("failed", |t| t.invitation_failed),
    ];
    let any = move || texts().filter_any;
    view! {
        <div class="list-filters">
            <div class="search">
                <label for="user-search">{move || texts().search_label}</label>
                <input
                    id="user-search"
                    type="search"
                    placeholder=move || texts().search_placeholder
                    on:input=on_search
                    prop:value=move || view.query.with(|q| q.search.clone())
                />
            </div>
            <label class="filter">
                <span>{move || texts().filter_status}</span>
                <select
                    id="filter-status"
                    prop:value=move || view.query.with(|q| q.status.map(UserStatus::as_str).unwrap_or(""))
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        view.refine(|q| q.status = UserStatus::parse(&value));
                    }
                >
                    {options(&status_options, texts)}
                </select>
            </label>
            <label class="filter">
                <span>{move || texts().filter_invitation}</span>
                <select
                    id="filter-invitation"
                    prop:value=move || view.query.with(|q| q.invitation.map(InvitationState::as_str).unwrap_or(""))
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        view.refine(|q| q.invitation = InvitationState::parse(&value));
                    }
                >
                    {options(&invitation_options, texts)}
                </select>
            </label>
            <label class="filter">
                <span>{move || texts().filter_language}</span>
                <select
                    id="filter-language"
                    prop:value=move || view.query.with(|q| q.language.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        view.refine(|q| q.language = Some(value).filter(|v| rules::is_language(v)));
                    }
                >
                    {code_options(rules::LANGUAGES, any)}
                </select>
            </label>
            <label class="filter">
                <span>{move || texts().filter_country}</span>
                <select
                    id="filter-country"
                    prop:value=move || view.query.with(|q| q.country.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        view.refine(|q| q.country = Some(value).filter(|v| rules::is_country(v)));
                    }
                >
                    {code_options(rules::COUNTRIES, any)}
                </select>
            </label>
            <label class="filter">
                <span>{move || GroupTexts::of(lang.get()).filter_group}</span>
                <select
                    id="filter-group"
                    prop:value=move || view.query.with(|q| q.group.map(|id| id.to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        view.refine(|q| q.group = value.parse().ok());
                    }
                >
                    <option value="">{any}</option>
                    <Transition>
                        {move || {
                            groups.get().and_then(Result::ok).map(|all| {
                                all.into_iter()
                                    .map(|g| {
                                        // Marked, so the chosen group shows once its option is drawn.
                                        let chosen = move || view.query.with(|q| q.group == Some(g.id));
                                        view! { <option value=g.id.to_string() selected=chosen>{g.name}</option> }
                                    })
                                    .collect_view()
                            })
                        }}
                    </Transition>
                </select>
            </label>
        </div>
    }
}

/// Which of the interface's texts an option shows.
type Label = fn(&Texts) -> &'static str;

fn options(
    choices: &[(&'static str, Label)],
    texts: impl Fn() -> &'static Texts + Copy + Send + Sync + 'static,
) -> impl IntoView {
    choices.iter().map(|&(value, label)| view! { <option value=value>{move || label(texts())}</option> }).collect_view()
}

/// "Any", then every code the rules accept, in their order.
fn code_options(
    codes: &'static [&'static str],
    any: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <option value="">{any}</option>
        {codes.iter().map(|&code| view! { <option value=code>{code}</option> }).collect_view()}
    }
}
