//! The translation file: every user-facing string, English and Simplified
//! Chinese side by side. `{}` marks where a value is filled in.

macro_rules! texts {
    ($($key:ident: $en:literal, $zh:literal;)*) => {
        #[cfg_attr(test, derive(serde::Serialize))]
        pub struct Texts { $(pub $key: &'static str,)* }
        pub static EN: Texts = Texts { $($key: $en,)* };
        pub static ZH: Texts = Texts { $($key: $zh,)* };
    };
}

texts! {
    app_name: "Keyport", "Keyport";
    tagline: "Key account portal", "大客户门户";
    lang_name_en: "English", "English";
    lang_name_zh: "中文", "中文";
    switch_language: "Language", "语言";
    loading: "Loading…", "加载中…";
    menu: "Menu", "菜单";
    skip_to_content: "Skip to content", "跳到正文";

    // navigation
    nav_dashboard: "Dashboard", "概览";
    nav_orders: "Orders", "订单";
    nav_shipments: "Shipments", "发货";
    nav_complaints: "Complaints", "投诉";
    nav_account: "Account", "账户";
    nav_settings: "Settings", "设置";
    nav_console: "Queues", "工作队列";
    nav_accounts: "Accounts", "客户账户";
    nav_staff: "Staff", "员工";
    sign_out: "Sign out", "退出登录";
    customer_portal: "Customer portal", "客户门户";
    staff_console: "Staff console", "员工工作台";

    // sign-in
    sign_in_title: "Sign in to Keyport", "登录 Keyport";
    sign_in_subtitle: "Orders, deliveries and service for our key accounts.", "为大客户提供订单、交付与售后服务。";
    email: "E-mail", "电子邮箱";
    email_placeholder: "name@company.example", "name@company.example";
    password: "Password", "密码";
    sign_in: "Sign in", "登录";
    signing_in: "Signing in…", "正在登录…";
    demo_hint: "Demo: any demo address with password keyport-demo-2026", "演示:任一演示账号,密码 keyport-demo-2026";

    // errors
    err_unauthenticated: "Your session has ended. Please sign in again.", "您的会话已结束,请重新登录。";
    err_bad_credentials: "Wrong e-mail or password.", "邮箱或密码错误。";
    err_rate_limited: "Too many failed attempts. Please try again in {} minutes.", "失败次数过多,请在 {} 分钟后重试。";
    err_forbidden: "You do not have permission to do this.", "您没有执行此操作的权限。";
    err_not_found: "Not found. It may not exist, or it is not yours to see.", "未找到。该内容可能不存在,或您无权查看。";
    err_invalid: "Please correct the marked fields.", "请修改标出的字段。";
    err_invitation_invalid: "This invitation link is invalid, used or expired. Ask your administrator for a new one.", "此邀请链接无效、已使用或已过期,请联系管理员重新邀请。";
    err_cross_origin: "This request came from another site and was refused.", "该请求来自其他站点,已被拒绝。";
    err_bad_request: "The request could not be read. Reload the page and try again.", "无法读取该请求,请刷新页面后重试。";
    err_too_large: "That is too much to send at once: split it into smaller parts.", "一次提交的内容过多:请分成几次提交。";
    err_precondition_failed: "The order changed since you read it; read it again.", "订单在您读取后已被更改,请重新读取。";
    err_idempotency_conflict: "This request was already sent with different content. Reload the page and submit again.", "该请求已以不同内容提交过,请刷新页面后重新提交。";
    err_invalid_transition: "The order has changed in the meantime; this action no longer applies. Reload to see its current state.", "订单已发生变化,此操作不再适用,请刷新查看最新状态。";
    err_internal: "Something went wrong on our side. Nothing was saved; please try again.", "服务器出错,未保存任何内容,请重试。";
    err_transport: "The server could not be reached. Check your connection and try again.", "无法连接服务器,请检查网络后重试。";
    inv_required: "Required.", "必填。";
    inv_email: "Not a valid e-mail address.", "邮箱地址格式不正确。";
    inv_too_short: "Too short.", "太短。";
    inv_too_long: "Too long.", "太长。";
    inv_password_too_short: "At least {} characters.", "至少 {} 个字符。";
    inv_password_mismatch: "The two passwords differ.", "两次输入的密码不一致。";
    inv_wrong_current_password: "The current password is wrong.", "当前密码不正确。";
    inv_role: "Choose a role you may grant.", "请选择您有权授予的角色。";
    inv_tier: "Choose a tier.", "请选择客户等级。";
    inv_code: "Use A–Z, 0–9 and -, at most 16 characters.", "只能使用 A–Z、0–9 和 -,最多 16 个字符。";
    inv_amount: "Enter an amount such as 1,000,000.00.", "请输入金额,如 1,000,000.00。";
    inv_taken: "Already in use.", "已被使用。";
    inv_not_allowed: "Not allowed.", "不允许。";
    inv_quantity: "Use at least the minimum order quantity, in whole packs.", "数量须不低于最小起订量,且为整包装的倍数。";
    inv_too_many: "At most {} lines.", "最多 {} 行。";
    inv_too_large: "At most {} per line.", "每行最多 {}。";
    inv_too_far: "Choose a date within the next two years.", "请选择两年以内的日期。";

    // roles and tiers
    role_customer_admin: "Customer admin", "客户管理员";
    role_buyer: "Buyer", "采购员";
    role_receiver: "Receiver", "收货员";
    role_viewer: "Viewer", "只读用户";
    role_staff_admin: "Staff admin", "系统管理员";
    role_account_manager: "Account manager", "客户经理";
    role_planner: "Planner", "计划员";
    role_support_agent: "Support agent", "客服专员";
    tier_strategic: "Strategic", "战略客户";
    tier_key: "Key", "重点客户";
    tier_standard: "Standard", "普通客户";

    // dashboard
    welcome: "Welcome, {}", "欢迎,{}";
    account_code: "Account code", "客户编码";
    tier: "Tier", "客户等级";
    credit_limit: "Credit limit", "信用额度";
    account_manager: "Account manager", "客户经理";
    unassigned: "Unassigned", "未分配";
    sites: "Delivery sites", "收货地点";
    no_sites: "No delivery sites yet.", "尚无收货地点。";
    contact: "Contact", "联系人";
    phone: "Phone", "电话";
    open_orders: "Open orders", "未完成订单";
    orders_empty: "No orders yet. Orders you place will be listed here with their status.", "暂无订单。您下的订单将在此显示及其状态。";
    shipments_empty: "No shipments yet. Deliveries on their way to your sites will be tracked here.", "暂无发货。发往您收货地点的货物将在此跟踪。";
    complaints_empty: "No complaints. If a delivery is not right, you can file one here.", "暂无投诉。如交付有问题,可在此提交投诉。";

    // account and users
    company: "Company", "公司";
    users: "Users", "用户";
    name: "Name", "姓名";
    role: "Role", "角色";
    status: "Status", "状态";
    active: "Active", "启用";
    disabled: "Disabled", "已停用";
    pending: "Invited", "已邀请";
    invite_user: "Invite a user", "邀请用户";
    invite: "Invite", "发送邀请";
    invite_link_note: "Give this one-time link to {}; it lets them set a password and expires in 7 days:", "请将此一次性链接交给 {},用于设置密码,7 天内有效:";
    disable: "Disable", "停用";
    enable: "Enable", "启用";
    save: "Save", "保存";
    saved: "Saved.", "已保存。";
    edit: "Edit", "编辑";
    cancel: "Cancel", "取消";
    actions: "Actions", "操作";
    you: "(you)", "(您本人)";

    // settings
    change_password: "Change password", "修改密码";
    current_password: "Current password", "当前密码";
    new_password: "New password", "新密码";
    confirm_password: "Repeat new password", "再次输入新密码";
    password_changed: "Password changed. Your other sessions were signed out.", "密码已修改,您的其他会话已退出。";
    profile: "Profile", "个人资料";

    api_tokens: "API tokens", "API 令牌";
    api_tokens_hint: "For your ERP or other systems: a token acts as you on /api/v1 (see /api/v1/openapi.json).", "供 ERP 等系统使用:令牌在 /api/v1 上代表您本人(接口说明见 /api/v1/openapi.json)。";
    token_name: "Token name", "令牌名称";
    token_expires: "Expires", "到期";
    token_lifetime: "Valid for", "有效期";
    token_days: "{} days", "{} 天";
    create_token: "Create token", "创建令牌";
    token_once: "Copy this token now; it is shown only once:", "请立即复制此令牌,它只显示一次:";
    revoke: "Revoke", "撤销";
    last_used: "Last used", "最近使用";
    never: "never", "从未";
    no_tokens: "No API tokens.", "暂无 API 令牌。";
    reorder: "Reorder", "再次下单";
    find_products: "Find products", "查找产品";
    find_hint: "SKU or name", "物料编码或名称";
    add: "Add", "添加";
    moq_pack: "MOQ {} · pack", "起订量 {} · 包装";
    lead_days: "{} days lead time", "生产周期 {} 天";

    // invitation
    accept_invite_title: "Set your password", "设置您的密码";
    accept_invite_body: "Choose a password to finish setting up your Keyport account.", "请设置密码以完成 Keyport 账户的开通。";
    set_password: "Set password and sign in", "设置密码并登录";

    // staff console
    review_queue: "Orders waiting for review", "待审核订单";
    review_queue_empty: "No orders are waiting for review.", "当前没有待审核的订单。";
    your_accounts: "Key accounts", "大客户";
    new_account: "New account", "新建客户账户";
    create: "Create", "创建";
    code: "Code", "编码";
    open: "Open", "打开";
    add_site: "Add a site", "添加收货地点";
    site_name: "Site name", "地点名称";
    address: "Address", "地址";
    contact_name: "Contact person", "联系人";
    contact_phone: "Contact phone", "联系电话";
    deactivate: "Deactivate", "停用";
    reactivate: "Reactivate", "恢复";
    staff_users: "Staff users", "员工用户";
    edit_account: "Edit account", "编辑客户账户";
    back: "Back", "返回";

    // orders
    new_order: "New order", "新建订单";
    order: "Order", "订单";
    order_number: "Order no.", "订单号";
    po_number: "PO number", "客户采购单号";
    delivery_site: "Delivery site", "收货地点";
    requested_date: "Requested delivery", "要求交期";
    promised_date: "Promised delivery", "承诺交期";
    notes: "Notes", "备注";
    lines: "Lines", "订单行";
    sku: "SKU", "物料编码";
    product: "Product", "产品";
    quantity: "Quantity", "数量";
    unit_price: "Unit price", "单价";
    amount: "Amount", "金额";
    total: "Total", "合计";
    remove: "Remove", "删除";
    add_line: "Add line", "添加行";
    paste_lines: "Paste lines", "批量粘贴";
    paste_hint: "One line per row: SKU, quantity and optionally a date (YYYY-MM-DD), separated by commas, tabs or semicolons. A CSV file works too.", "每行一条:物料编码、数量,可选日期(YYYY-MM-DD),用逗号、制表符或分号分隔。也可上传 CSV 文件。";
    add_pasted: "Add these lines", "添加这些行";
    csv_file: "CSV file", "CSV 文件";
    row_bad: "Row {}: ", "第 {} 行:";
    row_missing_sku: "the SKU is missing.", "缺少物料编码。";
    row_missing_quantity: "the quantity is missing.", "缺少数量。";
    row_bad_quantity: "the quantity must be a whole number above 0.", "数量须为大于 0 的整数。";
    row_bad_date: "the date is not a date (YYYY-MM-DD).", "日期格式不正确(YYYY-MM-DD)。";
    row_too_many: "too many columns.", "列数过多。";
    nothing_added: "Nothing was added; correct the rows and paste again.", "未添加任何行,请修改后重新粘贴。";
    save_draft: "Save draft", "保存草稿";
    submit_order: "Submit order", "提交订单";
    feasibility: "Feasibility check", "可行性检查";
    checking: "Checking…", "检查中…";
    all_feasible: "All lines can be delivered on their dates.", "所有订单行均可按期交付。";
    order_earliest: "Earliest date for the whole order: {}", "整单最早可交付日期:{}";
    use_date: "Use this date", "采用此日期";
    line_earliest: "earliest {}", "最早 {}";
    issue_unknown_product: "Unknown SKU.", "物料编码不存在。";
    issue_quantity: "Enter a quantity above 0.", "请输入大于 0 的数量。";
    issue_moq: "Below the minimum order quantity of {}.", "低于最小起订量 {}。";
    issue_pack: "Must be a multiple of {} (pack size).", "须为包装数 {} 的整数倍。";
    issue_lead_time: "Too soon for the lead time.", "早于生产周期所需时间。";
    issue_capacity: "Capacity is booked up in those weeks.", "该时段产能已满。";
    issue_no_date_within_horizon: "No feasible date within two years: lower the quantity or split the order.", "两年内无可行交期:请减少数量或拆分订单。";
    issue_no_lines: "Add at least one line.", "请至少添加一行。";
    issue_no_site: "Choose a delivery site.", "请选择收货地点。";
    issue_no_date: "Choose a delivery date.", "请选择交货日期。";
    issue_no_po: "Enter your PO number.", "请输入采购单号。";
    issue_past: "The date is in the past.", "日期已过。";
    credit_left: "Credit left after this order: {}", "本单后剩余信用额度:{}";
    over_credit: "Over the credit limit: the account manager will review it.", "超出信用额度:客户经理将审核。";
    date_flag: "Date not feasible", "交期不可行";
    credit_flag: "Over credit", "超信用额度";
    timeline: "Timeline", "时间线";
    confirm: "Confirm", "确认";
    counter: "Counter-propose", "还价/改期提议";
    reject: "Reject", "拒绝";
    accept_counter: "Accept proposal", "接受提议";
    decline_counter: "Decline proposal", "拒绝提议";
    cancel_order: "Cancel order", "取消订单";
    start_production: "Start production", "开始生产";
    reason: "Reason", "原因";
    message: "Message", "留言";
    proposed_date: "Proposed date", "提议日期";
    counter_waiting: "The account manager proposes {}:", "客户经理提议交期 {}:";
    counter_hint: "Propose another date, other quantities, or both. A blank quantity keeps the line as it is.", "可提议新的交期、数量或两者。数量留空表示该行不变。";
    proposed_quantity: "Proposed", "提议数量";
    version: "Version", "版本";
    account: "Account", "客户";
    all_accounts: "All accounts", "全部客户";
    all_sites: "All sites", "全部地点";
    ordered_from: "Ordered from", "下单日期起";
    ordered_to: "Ordered to", "下单日期止";
    sort: "Sort", "排序";
    sort_newest: "Newest first", "最新优先";
    sort_oldest: "Oldest first", "最早优先";
    sort_delivery: "Soonest delivery first", "交期最近优先";
    clear_filters: "Clear", "清除";
    csv_unreadable: "The file could not be read as text.", "无法以文本方式读取该文件。";
    search_orders: "Order no., PO or SKU", "订单号、采购单号或物料编码";
    all_statuses: "All statuses", "全部状态";
    search: "Search", "搜索";
    load_more: "Load more", "加载更多";
    no_orders_found: "No orders match.", "没有符合条件的订单。";
    created: "Created", "已创建";
    status_draft: "Draft", "草稿";
    status_submitted: "Submitted", "已提交";
    status_countered: "Counter-proposed", "已还价";
    status_confirmed: "Confirmed", "已确认";
    status_rejected: "Rejected", "已拒绝";
    status_cancelled: "Cancelled", "已取消";
    status_in_production: "In production", "生产中";
    status_partially_shipped: "Partly shipped", "部分发货";
    status_shipped: "Shipped", "已发货";
    status_delivered: "Delivered", "已送达";
    status_accepted: "Accepted", "已验收";
    status_closed: "Closed", "已关闭";

    // not found
    not_found_title: "Page not found", "页面不存在";
    not_found_body: "The page you asked for does not exist, or you may not see it.", "您访问的页面不存在,或您无权查看。";
    go_home: "Go to the start page", "返回首页";
    offline: "You are offline. What you see may be out of date.", "您已离线,显示的内容可能不是最新的。";
}
