// Texts of accounts, sites, users, the dashboard and the staff console:
// English and Simplified Chinese side by side. Read by app/build.rs into
// the one `Texts` table (see app/src/i18n/texts.rs); not a module.

texts! {
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
}
