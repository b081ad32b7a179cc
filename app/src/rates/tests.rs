use super::csv::{parse, write, LineError, HEADER};
use super::*;
use crate::error::Invalid;
use proptest::prelude::*;
use time::macros::date;

#[allow(clippy::too_many_arguments)]
fn rate(id: i64, mode: Mode, zone: &str, band: (i64, i64), per_kg: i64, minimum: i64, transit: i64, days: &[u8]) -> Rate {
    Rate {
        id,
        mode,
        origin: "SUZHOU".into(),
        zone: zone.into(),
        min_kg: band.0,
        max_kg: band.1,
        per_kg_minor: per_kg,
        minimum_minor: minimum,
        transit_days: transit,
        pickup_days: days.to_vec(),
    }
}

// Thursday 2026-12-03
const READY: Date = date!(2026 - 12 - 03);

fn table() -> Vec<Rate> {
    vec![
        rate(1, Mode::Road, "EAST", (0, 500), 240, 18_000, 2, &[1, 2, 3, 4, 5, 6]),
        rate(2, Mode::Road, "EAST", (500, 5_000), 180, 0, 3, &[1, 2, 3, 4, 5, 6]),
        rate(3, Mode::Rail, "EAST", (0, 5_000), 120, 50_000, 5, &[1, 4]),
        rate(4, Mode::Air, "EAST", (0, 1_000), 1_500, 30_000, 1, &[1, 2, 3, 4, 5]),
        rate(5, Mode::Express, "EAST", (0, 100), 2_200, 2_000, 1, &[1, 2, 3, 4, 5, 6, 7]),
        rate(6, Mode::Sea, "SOUTH", (0, 100_000), 40, 80_000, 12, &[2]),
    ]
}

#[test]
fn options_are_the_bands_that_hold_the_weight_ranked_both_ways() {
    // 300.2 kg → 301 chargeable
    let by_cost = options(&table(), "EAST", 300_200, READY, Some(date!(2026 - 12 - 07)), SortBy::Cost);
    assert_eq!(by_cost.iter().map(|o| o.rate_id).collect::<Vec<_>>(), vec![3, 1, 4], "rail ¥500 min beats road 301×2.40, air last; express's band is too small");
    assert_eq!((by_cost[0].cost_minor, by_cost[1].cost_minor, by_cost[2].cost_minor), (50_000, 72_240, 451_500));
    // rail picks up Mondays and Thursdays: today, then 5 days
    assert_eq!((by_cost[0].pickup, by_cost[0].arrival, by_cost[0].meets_promise), (READY, date!(2026 - 12 - 08), false));
    assert!(by_cost[1].meets_promise && by_cost[2].meets_promise);
    let by_arrival = options(&table(), "EAST", 300_200, READY, Some(date!(2026 - 12 - 07)), SortBy::Arrival);
    assert_eq!(by_arrival.iter().map(|o| o.rate_id).collect::<Vec<_>>(), vec![4, 1, 3]);
    // a heavy order moves to the next road band; no zone, no options
    assert_eq!(options(&table(), "EAST", 800_000, READY, None, SortBy::Cost).iter().map(|o| o.rate_id).collect::<Vec<_>>(), vec![3, 2, 4]);
    assert!(options(&table(), "WEST", 1_000, READY, None, SortBy::Cost).is_empty());
}

#[test]
fn the_next_pickup_day_and_chargeable_weight() {
    let sea = &table()[5];
    assert_eq!(sea.pickup(READY), date!(2026 - 12 - 08), "Tuesdays only");
    assert_eq!((chargeable_kg(0), chargeable_kg(1), chargeable_kg(1000), chargeable_kg(1001)), (1, 1, 1, 2));
}

#[test]
fn weekdays_read_the_ways_people_write_them() {
    assert_eq!(parse_weekdays("Mon Wed Fri"), Some(vec![1, 3, 5]));
    assert_eq!(parse_weekdays("1/3/5"), Some(vec![1, 3, 5]));
    assert_eq!(parse_weekdays("mon-fri"), Some(vec![1, 2, 3, 4, 5]));
    assert_eq!(parse_weekdays("daily"), Some(vec![1, 2, 3, 4, 5, 6, 7]));
    assert_eq!(parse_weekdays("Tuesday;Thursday"), Some(vec![2, 4]));
    for bad in ["", "8", "fri-mon", "someday", "mo"] {
        assert_eq!(parse_weekdays(bad), None, "{bad}");
    }
    assert_eq!(show_weekdays(&[1, 3, 5]), "Mon Wed Fri");
}

#[test]
fn a_good_file_round_trips() {
    let text = format!("{HEADER}\nroad,suzhou,east,0,500,2.40,180,2,Mon-Sat\n\nrail,SUZHOU,EAST,0,5000,1.2,500.00,5,Mon Thu\n");
    let rates = parse(&text).unwrap();
    assert_eq!(rates.len(), 2);
    assert_eq!((rates[0].origin.as_str(), rates[0].zone.as_str(), rates[0].per_kg_minor, rates[0].minimum_minor), ("SUZHOU", "EAST", 240, 18_000));
    assert_eq!(parse(&write(&rates)).unwrap(), rates);
}

#[test]
fn every_bad_line_is_named_with_its_number() {
    let text = format!(
        "{HEADER}\nboat,SUZHOU,EAST,0,500,2.40,180,2,Mon\nroad,SUZHOU,EAST,500,100,2.40,180,2,Mon\nroad,SUZHOU,EAST,0,500,2.4.0,180,2,Mon\nroad,SUZHOU,EAST,0,500,2.40,180,2,Funday\nroad,SUZHOU,EAST,0,500,2.40,180,2,Mon\nroad,SUZHOU,EAST,400,900,2.40,180,2,Mon\nroad,SUZHOU\nair,SUZHOU,E@ST,0,5,1,1,1,Mon\n"
    );
    let errors = parse(&text).unwrap_err();
    let named: Vec<(usize, &str, Invalid)> = errors.iter().map(|e: &LineError| (e.line, e.field.as_str(), e.reason)).collect();
    assert_eq!(
        named,
        vec![
            (2, "mode", Invalid::NotAllowed),
            (3, "max_kg", Invalid::NotAllowed),
            (4, "cost_per_kg", Invalid::Amount),
            (5, "pickup_days", Invalid::NotAllowed),
            (7, "min_kg", Invalid::Taken),
            (8, "line", Invalid::NotAllowed),
            (9, "zone", Invalid::Code),
        ]
    );
    assert_eq!(parse("zone,mode\n").unwrap_err()[0].field, "header");
    assert_eq!(parse("").unwrap_err()[0].reason, Invalid::Required);
}

proptest! {
    /// Whatever the weight and the table, every option's band holds the
    /// chargeable weight, costs at least the lane's minimum, arrives after it
    /// leaves, and the order is the one asked for.
    #[test]
    fn options_are_feasible_and_ranked(grams in 0i64..20_000_000, day in 0i64..14, promise in proptest::option::of(0i64..30), by_arrival in any::<bool>()) {
        let ready = READY + Duration::days(day);
        let promised = promise.map(|p| READY + Duration::days(p));
        let sort = if by_arrival { SortBy::Arrival } else { SortBy::Cost };
        let table = table();
        let opts = options(&table, "EAST", grams, ready, promised, sort);
        for o in &opts {
            let r = table.iter().find(|r| r.id == o.rate_id).unwrap();
            prop_assert!(r.covers("EAST", o.chargeable_kg));
            prop_assert!(o.cost_minor >= r.minimum_minor && o.pickup >= ready && o.arrival >= o.pickup);
            prop_assert!(r.pickup_days.contains(&o.pickup.weekday().number_from_monday()));
            prop_assert_eq!(o.meets_promise, promised.is_none_or(|p| o.arrival <= p));
        }
        let keys: Vec<(i64, Date)> = opts.iter().map(|o| if by_arrival { (o.arrival.to_julian_day() as i64, o.arrival) } else { (o.cost_minor, o.arrival) }).collect();
        prop_assert!(keys.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn any_text_parses_or_names_lines(text in "[a-z0-9,./ -]{0,200}(\n[a-zA-Z0-9,./ -]{0,80}){0,6}") {
        let with_header = format!("{HEADER}\n{text}");
        match parse(&with_header) {
            Ok(rates) => prop_assert!(rates.iter().all(|r| r.min_kg < r.max_kg && !r.pickup_days.is_empty())),
            Err(errors) => prop_assert!(errors.iter().all(|e| e.line >= 2 && e.line <= with_header.lines().count())),
        }
    }
}
