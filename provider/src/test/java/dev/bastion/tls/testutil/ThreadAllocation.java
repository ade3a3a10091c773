package dev.bastion.tls.testutil;

import java.lang.reflect.Method;

/** Bytes the current thread has allocated, for the allocation tests. */
public final class ThreadAllocation {
    private ThreadAllocation() {
    }

    /**
     * {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes} of this thread, through
     * reflection because the provider module (which the tests are patched into) does not read
     * java.management.
     */
    public static long bytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Method m = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
            return (Long) m.invoke(bean, Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this test needs HotSpot's com.sun.management.ThreadMXBean", e);
        }
    }
}
