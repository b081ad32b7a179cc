// Texts of rates and shipping options: English and Simplified Chinese side
// by side. Read by app/build.rs into the one `Texts` table.

texts! {
    nav_rates: "Rates", "运价";
    rate_table: "Rate table", "运价表";
    rate_import: "Import CSV", "导入 CSV";
    rate_import_hint: "One line per lane and weight band: mode,origin,zone,min_kg,max_kg,cost_per_kg,minimum,transit_days,pickup_days. Importing replaces the whole table; a file with any bad line changes nothing.", "每行一个线路与重量段:mode,origin,zone,min_kg,max_kg,cost_per_kg,minimum,transit_days,pickup_days。导入会替换整张运价表;有任何错误行则不做任何更改。";
    rate_imported: "Rate table imported.", "运价表已导入。";
    rate_line_error: "Line {}: {} — {}", "第 {} 行:{} — {}";
    rates_none: "No rates yet.", "暂无运价。";
    origin: "Origin", "始发地";
    zone: "Zone", "区域";
    weight_band: "Weight (kg)", "重量段(千克)";
    cost_per_kg: "Per kg", "每千克";
    minimum_charge: "Minimum", "最低收费";
    transit_days: "Transit days", "运输天数";
    pickup_days: "Pick-up days", "提货日";
    shipping_options: "Shipping options", "运输方式比较";
    shipping_sort_cost: "Cheapest first", "按费用排序";
    shipping_sort_arrival: "Soonest first", "按到达排序";
    shipping_weight: "{} kg to ship to zone {}, ready {}", "待发 {} 千克至 {} 区,{} 备妥";
    shipping_no_zone: "The delivery site has no rate zone yet: no options to compare.", "收货地点尚未设置运价区域:无可比较的运输方式。";
    shipping_none: "No rate covers this weight and zone.", "没有覆盖此重量和区域的运价。";
    cost: "Cost", "费用";
    pickup: "Pick-up", "提货";
    arrival: "Arrival", "到达";
    meets_promise: "Meets the promise", "满足交期";
    misses_promise: "Misses the promise", "晚于交期";
    choose: "Choose", "选择";
    choice_reason: "Why this option", "选择理由";
    chosen_shipping: "Shipping", "运输方式";
    chosen_by: "chosen by {}", "{} 选定";
    shipping_chosen_event: "Shipping mode chosen", "已选定运输方式";
}
