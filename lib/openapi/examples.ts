// Values shared by the examples of several operations in the OpenAPI document.
export const DOCS_SERVER_URL = "https://your-app.onrender.com";

export const EXAMPLE_SESSION_ID = "V2hhdCBhIG5pY2UgZGF5IQ";
export const EXAMPLE_CHAT_URL = `${DOCS_SERVER_URL}/admin/customer-chat.html?session=${EXAMPLE_SESSION_ID}`;

/** The integration guide's test call. */
export const GUIDE_ESCALATION = {
  user_id: "test_user",
  user_email: "user@test.com",
  user_phone: "+393337654321",
  question: "Ho bisogno di aiuto con il mio account",
  priority: "medium",
};
