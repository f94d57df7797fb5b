//! Charts drawn as SVG from Rust (geometry in `model::chart`): a donut and a bar chart.
//!
//! Accessibility: the drawing is one `role="img"` whose `aria-label` summarises every segment
//! with its share; each segment is also a link (`Active: 1601 devices`) in the legend, which
//! keyboards and screen readers use. A click on a slice or bar opens the same list.

use crate::ui::chart_model::{bar_lengths, donut_paths, percent_text, thousands, Series};
use crate::ui::link::A;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

fn legend(series: &Series) -> AnyView {
    let total = series.total();
    series
        .segments
        .iter()
        .map(|s| {
            let name = series.link_name(s);
            let swatch = format!("swatch {}", s.tone.class());
            let share = percent_text(s.value, total);
            // Label in name: the link's visible text ("Active 1601") is how its name starts, so
            // the count is written like the name's, and the share stays outside the link.
            let (href, label, value) = (s.href.clone(), s.label.clone(), s.value.to_string());
            let title = s.label.clone();
            view! {
                <li>
                    <A href=href attr:aria-label=name attr:title=title attr:class="legend-link">
                        <span class=swatch aria-hidden="true"></span>
                        <span class="legend-name">{label}</span>" "
                        <span class="legend-value">{value}</span>
                    </A>
                    <span class="legend-share">{share}</span>
                </li>
            }
        })
        .collect_view()
        .into_any()
}

/// Shares of a whole: status or platform mix.
#[component]
pub fn DonutChart(series: Series) -> impl IntoView {
    let navigate = Arc::new(use_navigate());
    let values: Vec<u64> = series.segments.iter().map(|s| s.value).collect();
    let paths = donut_paths(&values, 50.0, 31.0);
    let total = series.total();
    let unit = if total == 1 {
        series.unit.0
    } else {
        series.unit.1
    };
    // The total must fit in the hole (62 units wide).
    let total_text = thousands(total);
    let total_size = match total_text.len() {
        0..=5 => "15",
        6..=7 => "12",
        _ => "10",
    };
    let slices = paths
        .into_iter()
        .zip(series.segments.iter())
        .filter_map(|(d, s)| {
            let d = d?;
            let href = s.href.clone();
            let nav = navigate.clone();
            let class = format!("slice {}", s.tone.class());
            Some(view! {
                <path d=d class=class fill-rule="evenodd"
                    on:click=move |_| nav(&href, Default::default())></path>
            })
        })
        .collect_view();
    view! {
        <figure class="chart donut-chart">
            <figcaption>{series.title.clone()}</figcaption>
            <div class="chart-body">
                <svg role="img" aria-label=series.summary() viewBox="-55 -55 110 110" class="donut">
                    {(total == 0).then(|| view! { <circle r="40.5" class="empty-ring"></circle> })}
                    {slices}
                    <text x="0" y="-3" text-anchor="middle" class="donut-total" font-size=total_size>{total_text}</text>
                    <text x="0" y="12" text-anchor="middle" class="donut-unit">{unit}</text>
                </svg>
                <ul class="legend">{legend(&series)}</ul>
            </div>
        </figure>
    }
}

/// Counts side by side: one bar per segment, scaled to the largest.
#[component]
pub fn BarChart(series: Series) -> impl IntoView {
    let navigate = Arc::new(use_navigate());
    let values: Vec<u64> = series.segments.iter().map(|s| s.value).collect();
    let lengths = bar_lengths(&values, 100.0, 1.5);
    let rows = series.segments.len().max(1);
    let view_box = format!("0 0 100 {}", rows * 10);
    // Set through the CSSOM (`style:`), which a strict Content-Security-Policy allows.
    let height = format!("{}rem", rows * 2);
    let bars = lengths
        .into_iter()
        .zip(series.segments.iter())
        .enumerate()
        .map(|(i, (w, s))| {
            let href = s.href.clone();
            let nav = navigate.clone();
            let class = format!("bar {}", s.tone.class());
            view! {
                <rect x="0" y=(i * 10 + 2).to_string() width=format!("{w:.2}") height="6" class=class
                    on:click=move |_| nav(&href, Default::default())></rect>
            }
        })
        .collect_view();
    view! {
        <figure class="chart bar-chart">
            <figcaption>{series.title.clone()}</figcaption>
            <div class="bar-body">
                <ul class="legend bar-legend">{legend(&series)}</ul>
                <svg role="img" aria-label=series.summary() viewBox=view_box preserveAspectRatio="none"
                    class="bars" style:height=height>
                    {bars}
                </svg>
            </div>
        </figure>
    }
}
