package dev.bastion.tls.record;

import static dev.bastion.tls.record.TestKeys.assertAlert;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.codec.AlertDescription;
import org.junit.jupiter.api.Test;

class EmptyRecordGuardTest {

    @Test
    void emptyRecordGuardBoundsRunsOfRecordsWithoutContent() {
        EmptyRecordGuard guard = new EmptyRecordGuard();
        for (int i = 0; i < RecordLimits.MAX_CONSECUTIVE_EMPTY_RECORDS; i++) {
            guard.onRecord(ContentType.APPLICATION_DATA, 0);
        }
        guard.onRecord(ContentType.APPLICATION_DATA, 5); // content resets the run
        assertEquals(0, guard.run());
        for (int i = 0; i < RecordLimits.MAX_CONSECUTIVE_EMPTY_RECORDS - 1; i++) {
            guard.onRecord(ContentType.APPLICATION_DATA, 0);
        }
        guard.onDroppedRecord(ContentType.CHANGE_CIPHER_SPEC);
        assertEquals(32, guard.run());
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, () -> guard.onDroppedRecord(ContentType.CHANGE_CIPHER_SPEC));
    }
}
