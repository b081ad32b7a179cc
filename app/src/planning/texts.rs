// Texts of plans: English and Simplified Chinese side by side. Read by
// app/build.rs into the one `Texts` table; not a module of its own.

texts! {
    plan: "Production plan", "生产计划";
    plan_empty: "The plan is made when the order is confirmed.", "订单确认后生成生产计划。";
    plan_at_risk: "At risk: a milestone ends after the promised date.", "有风险:有节点晚于承诺交期。";
    plan_on_track: "On track for the promised date.", "按承诺交期推进。";
    plan_updated_event: "Plan updated", "计划已更新";
    plan_today: "Today", "今天";
    plan_promised: "Promised", "承诺交期";
    plan_planned: "Planned", "计划";
    plan_actual: "Actual", "实际";
    plan_edit: "Edit", "编辑";
    plan_saved: "Milestone saved.", "节点已保存。";
    planned_start: "Planned start", "计划开始";
    planned_end: "Planned end", "计划结束";
    actual_start: "Actual start", "实际开始";
    actual_end: "Actual end", "实际结束";
    department: "Department", "负责部门";
    stage_materials: "Materials", "物料";
    stage_production: "Production", "生产";
    stage_qc: "Quality control", "质检";
    stage_packing: "Packing", "包装";
    stage_shipping: "Shipping", "发运";
    stage_delivery: "Delivery", "交付";
    nav_plans: "Plans", "排程";
    portfolio: "Production portfolio", "生产排程总览";
    window_from: "From", "起始日期";
    window_to: "To", "截止日期";
    zoom: "Zoom", "缩放";
    zoom_week: "Weeks", "按周";
    zoom_month: "Months", "按月";
    only_at_risk: "At risk or late only", "仅看有风险或逾期";
    show: "Show", "显示";
    portfolio_count: "{} orders", "{} 个订单";
    portfolio_cut: "Showing the first {} of {} orders: narrow the filters to see the rest.", "显示前 {} 个,共 {} 个订单:请缩小筛选范围查看其余订单。";
    portfolio_none: "No planned orders in this window.", "此时间范围内没有已排程的订单。";
    legend_planned: "Planned", "计划";
    legend_done: "Done", "已完成";
    legend_at_risk: "At risk", "有风险";
    legend_late: "Late", "逾期";
}
