// Texts of notifications: English and Simplified Chinese side by side.
// Read by app/build.rs into the one `Texts` table (see
// app/src/i18n/texts.rs); not a module of its own.

texts! {
    notifications: "Notifications", "通知";
    notifications_unread: "{} unread", "{} 条未读";
    notifications_empty: "No notifications yet.", "暂无通知。";
    notifications_mark_all: "Mark all read", "全部标为已读";
    notifications_mark_read: "Mark read", "标为已读";
    notifications_older: "Older", "更早";
    notifications_settings: "Which notifications to receive", "接收哪些通知";
    notifications_saved: "Saved.", "已保存。";
    notify_change_requested: "{} asked to change {}", "{} 申请变更 {}";
    notify_change_approved: "{} approved the change to {}", "{} 批准了 {} 的变更";
    notify_change_rejected: "{} rejected the change to {}", "{} 拒绝了 {} 的变更";
    notify_change_countered: "{} proposed other changes to {}", "{} 对 {} 的变更提出了其他方案";
    notify_change_counter_accepted: "{} accepted the proposal for {}", "{} 接受了 {} 的变更方案";
    notify_change_withdrawn: "{} withdrew the change to {}", "{} 撤回了 {} 的变更申请";
    kind_change_requested: "A change request is sent", "收到变更申请";
    kind_change_approved: "A change is approved", "变更获批准";
    kind_change_rejected: "A change is rejected", "变更被拒绝";
    kind_change_countered: "Staff propose other changes", "供应商提出其他方案";
    kind_change_counter_accepted: "A proposal is accepted", "方案被接受";
    kind_change_withdrawn: "A change request is withdrawn", "变更申请被撤回";
    notify_shipment_dispatched: "{} shipped part of {}", "{} 已发运 {} 的货物";
    notify_shipment_tracked: "{} updated a shipment of {}", "{} 更新了 {} 的货运状态";
    notify_shipment_exception: "{} reported a problem with a shipment of {}", "{} 报告 {} 的货运出现异常";
    notify_shipment_delivered: "{} delivered a shipment of {}", "{} 已送达 {} 的货物";
    notify_inspection_recorded: "{} recorded a quality inspection of {}", "{} 记录了 {} 的质检结果";
    kind_shipment_dispatched: "A shipment leaves", "货物已发运";
    kind_shipment_tracked: "A shipment moves", "货运状态更新";
    kind_shipment_exception: "A shipment has a problem", "货运异常";
    kind_shipment_delivered: "A shipment is delivered", "货物已送达";
    kind_inspection_recorded: "A quality inspection is recorded", "质检结果已记录";
}
