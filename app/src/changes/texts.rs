// Texts of change requests and versions: English and Simplified Chinese
// side by side. Read by app/build.rs into the one `Texts` table (see
// app/src/i18n/texts.rs); not a module of its own.

texts! {
    // change requests
    request_change: "Request a change", "申请变更";
    change_request: "Change request", "变更申请";
    change_requests: "Change requests", "变更申请";
    change_queue: "Change requests to decide", "待处理变更申请";
    change_queue_empty: "No change requests are waiting.", "没有待处理的变更申请。";
    change_pending_banner: "A change request is waiting for a decision.", "有一项变更申请正在等待处理。";
    change_countered_banner: "The supplier proposed something else for your change request.", "供应商对您的变更申请提出了其他方案。";
    change_open: "Open the request", "查看申请";
    change_reason: "Reason for the change", "变更原因";
    change_send: "Send the request", "发送申请";
    change_sent: "Change request sent.", "变更申请已发送。";
    change_remove_line: "Remove", "删除";
    change_add_line: "Add a line", "添加订单行";
    change_line_date: "Line delivery", "行交期";
    change_nothing: "Change a quantity, a date or another field first.", "请先修改数量、日期或其他字段。";
    change_kind_quantity: "Quantity", "数量";
    change_kind_add_line: "Add line", "新增行";
    change_kind_remove_line: "Remove line", "删除行";
    change_kind_line_date: "Line delivery", "行交期";
    change_kind_order_date: "Order delivery", "订单交期";
    change_kind_site: "Delivery site", "收货地点";
    change_kind_po_number: "PO number", "客户采购单号";
    change_kind_notes: "Notes", "备注";
    change_status_pending: "Pending", "待处理";
    change_status_countered: "Counter-proposed", "供应商另有方案";
    change_status_approved: "Approved", "已批准";
    change_status_rejected: "Rejected", "已拒绝";
    change_status_withdrawn: "Withdrawn", "已撤回";
    change_stale: "The order changed after this request was made: re-base it to see its impact on the order as it is now.", "此申请提交后订单已变化:请基于当前订单重新提交以查看影响。";
    change_rebase: "Re-base on the current version", "基于当前版本重新提交";
    change_withdraw: "Withdraw", "撤回";
    change_approve: "Approve", "批准";
    change_reject: "Reject", "拒绝";
    change_counter: "Propose other changes", "提出其他方案";
    change_accept_counter: "Accept the proposal", "接受该方案";
    change_counter_message: "Message to the customer", "给客户的留言";
    change_commit_date: "Promised delivery to commit to", "承诺交期";
    change_commit_hint: "Blank: the feasible date.", "留空:采用可行日期。";
    change_requested_by: "Requested by", "申请人";
    change_decided_by: "Decided by", "处理人";
    change_made_version: "Made version {}", "生成版本 {}";
    change_base_version: "From version {}", "基于版本 {}";
    change_their_changes: "Requested changes", "申请的变更";
    change_counter_changes: "The supplier's proposal", "供应商的方案";
    // impact
    impact: "Impact", "影响";
    impact_cost: "New total", "新总额";
    impact_delta: "Change in value", "金额变化";
    impact_charge: "Change charge (lines in production)", "变更费用(已投产行)";
    impact_schedule: "Earliest feasible delivery", "最早可行交期";
    impact_shift: "Days after the promised date", "晚于承诺交期天数";
    impact_shift_days: "{} days", "{} 天";
    impact_in_production: "Lines already in production", "已投产的行";
    impact_credit: "Open value after the change", "变更后未结金额";
    impact_over_credit: "Over the credit limit", "超出信用额度";
    impact_dates_ok: "Every line can be delivered on its date.", "所有行均可按期交付。";
    impact_dates_late: "Not every line can be delivered on its date.", "部分行无法按期交付。";
    impact_updating: "Updating the impact…", "正在更新影响…";
    // versions
    versions: "Versions", "版本";
    versions_compare: "Compare versions", "版本对比";
    version_n: "Version {}", "版本 {}";
    versions_print: "Print", "打印";
    diff_added: "Added", "新增";
    diff_removed: "Removed", "删除";
    diff_changed: "Changed", "修改";
    diff_none: "The two versions are the same.", "两个版本相同。";
    diff_header: "Header", "抬头";
    diff_before: "Before", "变更前";
    diff_after: "After", "变更后";
    // the order's timeline
    event_change_requested: "Change requested", "提出变更申请";
    event_change_approved: "Change approved", "变更已批准";
    event_change_rejected: "Change rejected", "变更已拒绝";
    event_change_countered: "Change counter-proposed", "变更另有方案";
    event_change_withdrawn: "Change withdrawn", "变更已撤回";
}
