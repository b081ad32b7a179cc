// Texts of signing in, invitations and settings: English and Simplified
// Chinese side by side. Read by app/build.rs into the one `Texts` table
// (see app/src/i18n/texts.rs); not a module of its own.

texts! {
    // sign-in
    sign_in_title: "Sign in to Keyport", "登录 Keyport";
    sign_in_subtitle: "Orders, deliveries and service for our key accounts.", "为大客户提供订单、交付与售后服务。";
    email: "E-mail", "电子邮箱";
    email_placeholder: "name@company.example", "name@company.example";
    password: "Password", "密码";
    sign_in: "Sign in", "登录";
    signing_in: "Signing in…", "正在登录…";
    demo_hint: "Demo: any demo address with password keyport-demo-2026", "演示:任一演示账号,密码 keyport-demo-2026";

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
}
