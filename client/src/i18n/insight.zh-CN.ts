/** Simplified Chinese strings of the insight features: reply checks (spread into zh-CN.ts). */
export const insightZhCN = {
  "event.reply-override": "批准答复放行",
  "replyCheck.title": "答复质检",
  "replyCheck.checking": "正在检查…",
  "replyCheck.clean": "未发现问题",
  "replyCheck.blocked": "存在必须修改的问题，修改后才能提交答复",
  "replyCheck.preview": "问题位置",
  "replyCheck.block": "必须修改",
  "replyCheck.warn": "提醒",
  "replyCheck.code.third_party_phone": "含有他人手机号码，答复公开后会泄露他人联系方式",
  "replyCheck.code.requester_phone": "含有诉求人本人手机号码，答复公开后会泄露诉求人信息",
  "replyCheck.code.id_number": "含有身份证号码，不得公开",
  "replyCheck.code.empty_or_template": "答复为空或只有套话，请写明办理情况和结果",
  "replyCheck.code.off_topic": "答复与诉求内容关联很少，请确认没有答非所问",
  "replyCheck.code.no_policy_basis": "咨询类答复未引用政策依据（知识库条目、文号或条款）",
  "replyCheck.code.no_contact": "未留承办人或联系电话",
};
