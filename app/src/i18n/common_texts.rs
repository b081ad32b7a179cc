// Texts every capability shares: the frame, navigation, errors, roles and
// statuses' neighbours. English and Simplified Chinese side by side; read by
// app/build.rs into the one `Texts` table (see texts.rs); not a module.

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
    err_precondition_required: "Say which version you decided on (If-Match).", "请注明您所依据的版本(If-Match)。";
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
    inv_file_type: "Choose a PDF, PNG, JPEG or WebP file.", "请选择 PDF、PNG、JPEG 或 WebP 文件。";
    inv_file_too_large: "The file is too large: at most {} MB.", "文件过大:最大 {} MB。";

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

    // not found
    not_found_title: "Page not found", "页面不存在";
    not_found_body: "The page you asked for does not exist, or you may not see it.", "您访问的页面不存在,或您无权查看。";
    go_home: "Go to the start page", "返回首页";
    offline: "You are offline. What you see may be out of date.", "您已离线,显示的内容可能不是最新的。";
}
