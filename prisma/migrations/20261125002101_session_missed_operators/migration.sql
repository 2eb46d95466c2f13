-- Unanswered-assignment rule: operators who let a session go are not offered it again.
ALTER TABLE "chat_sessions" ADD COLUMN     "missed_operator_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];
