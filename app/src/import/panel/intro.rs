//! The top of the panel: the three steps (with the templates' downloads, CSV and Excel, and how to save the Excel
//! one as CSV UTF-8) and each column's rule.

use leptos::prelude::*;

use crate::i18n::use_lang;
use crate::import::texts::import_texts;

pub(super) fn intro() -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    view! {
        <ol class="steps">
            <li>
                {move || t().step_template} " "
                <a class="button-link" href="/import/template.csv" download="users-template.csv">
                    {move || t().download_template}
                </a>
                " "
                <a class="button-link" href="/import/template.xlsx" download="users-template.xlsx">
                    {move || t().download_template_xlsx}
                </a>
                <p class="muted save-as-hint" id="save-as-csv-utf8">{move || t().save_as_csv_utf8}</p>
            </li>
            <li>{move || t().step_fill}</li>
            <li>{move || t().step_drop}</li>
        </ol>
        <details class="column-rules">
            <summary>{move || t().rules_title}</summary>
            <ul>
                <li>{move || t().rule_firstname}</li>
                <li>{move || t().rule_lastname}</li>
                <li>{move || t().rule_email}</li>
                <li>{move || t().rule_identifier}</li>
                <li>{move || t().rule_country}</li>
                <li>{move || t().rule_language}</li>
            </ul>
        </details>
    }
}
