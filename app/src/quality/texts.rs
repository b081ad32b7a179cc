// Texts of quality control: English and Simplified Chinese side by side.
// Read by app/build.rs into the one `Texts` table; not a module of its own.

texts! {
    quality: "Quality control", "质量检验";
    quality_none: "No inspections yet.", "暂无检验记录。";
    quality_record: "Record an inspection", "记录检验";
    quality_recorded: "Inspection recorded.", "检验已记录。";
    quality_event: "Quality inspection", "质量检验";
    inspected_on: "Inspected on", "检验日期";
    inspection_scope: "Line", "检验范围";
    inspection_whole_order: "Whole order", "整单";
    lot: "Lot", "批次";
    sample_size: "Sample size", "抽样数量";
    defects: "Defects", "缺陷";
    defects_none: "None", "无";
    result: "Result", "结果";
    result_pass: "Pass", "合格";
    result_fail: "Fail", "不合格";
    inspector: "Inspector", "检验员";
    certificate: "Certificate", "证书";
    certificate_hint: "PDF, PNG, JPEG or WebP, at most 8 MB.", "PDF、PNG、JPEG 或 WebP,最大 8 MB。";
    certificate_download: "Download", "下载";
    recorded_by: "Recorded by", "记录人";
    defect_dimensional: "Dimensional", "尺寸";
    defect_surface: "Surface", "外观";
    defect_function: "Function", "功能";
    defect_material: "Material", "材料";
    defect_packaging: "Packaging", "包装";
    defect_labeling: "Labeling", "标识";
}
