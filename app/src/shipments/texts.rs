// Texts of shipments and tracking: English and Simplified Chinese side by
// side. Read by app/build.rs into the one `Texts` table (see
// app/src/i18n/texts.rs); not a module of its own.

texts! {
    shipment: "Shipment", "发货单";
    shipment_number: "Shipment no.", "发货单号";
    search_shipments: "Order, shipment or tracking number", "订单号、发货单号或运单号";
    all_shipment_statuses: "Every status", "全部状态";
    shipment_status_ready: "Ready to leave", "待揽收";
    shipment_status_in_transit: "In transit", "运输中";
    shipment_status_exception: "Exception", "异常";
    shipment_status_delivered: "Delivered", "已送达";
    no_shipments_found: "No shipments match.", "没有符合条件的发货。";
    carrier: "Carrier", "承运商";
    mode: "Mode", "运输方式";
    mode_road: "Road", "公路";
    mode_rail: "Rail", "铁路";
    mode_sea: "Sea", "海运";
    mode_air: "Air", "空运";
    mode_express: "Express", "快递";
    tracking_number: "Tracking no.", "运单号";
    packages: "Packages", "件数";
    weight_kg: "Weight (kg)", "重量(千克)";
    ship_date: "Ship date", "发货日期";
    eta: "Estimated arrival", "预计到达";
    eta_late: "after the promised date", "晚于承诺交期";
    eta_on_time: "on time", "按期";
    delivery_note: "Delivery note no.", "送货单号";
    journey: "Journey", "运输轨迹";
    journey_empty: "Not picked up yet.", "尚未揽收。";
    shipped_lines: "What it carries", "所含货物";
    track_kind_picked_up: "Picked up", "已揽收";
    track_kind_in_transit: "In transit", "运输中";
    track_kind_at_hub: "At hub", "到达中转站";
    track_kind_customs: "Customs", "清关中";
    track_kind_out_for_delivery: "Out for delivery", "派送中";
    track_kind_delivered: "Delivered", "已签收";
    track_kind_exception: "Exception", "异常";
    from_carrier: "from the carrier", "承运商推送";
    record_step: "Record a step", "记录运输节点";
    step_kind: "What happened", "节点";
    step_at: "When (UTC; blank: now)", "时间(UTC;留空为现在)";
    step_place: "Where", "地点";
    step_note: "Note (an exception's reason)", "备注(异常原因)";
    step_eta: "New estimated arrival", "新的预计到达日期";
    step_recorded: "Step recorded.", "已记录。";
    shipments_of_order: "Shipments", "发货";
    new_shipment: "New shipment", "新建发货";
    ship_now: "Ship", "发货";
    shipment_created: "Shipment created.", "发货单已创建。";
    to_ship: "To ship now", "本次发货数量";
    ordered_qty: "Ordered", "订购";
    shipped_qty: "Shipped", "已发";
    remaining_qty: "Remaining", "待发";
    nothing_to_ship: "Every line has shipped in full.", "所有订单行均已发完。";
    parked_events: "Carrier events without a shipment", "未匹配发货单的承运商事件";
    parked_empty: "Every carrier event found its shipment.", "所有承运商事件均已匹配。";
    received_at: "Received", "接收时间";
    shipments_on_the_way: "Shipments on their way", "在途发货";
    live_hint: "This page follows the shipment as it moves.", "本页面实时更新运输状态。";
}
