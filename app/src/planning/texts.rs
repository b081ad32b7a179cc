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
}
