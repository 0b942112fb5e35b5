package io.paygate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class JdkDefaultsTest {

    @Test
    void theServerPicksThePlatformPollerThreadsAndSmallClientBuffersUnlessTheLaunchChoseOthers() {
        Properties unset = new Properties();
        PaygateApplication.applyJdkDefaults(unset);
        assertThat(unset.getProperty("jdk.pollerMode")).isEqualTo("1");
        assertThat(unset.getProperty("jdk.httpclient.bufsize")).isEqualTo("4096");

        Properties chosen = new Properties();
        chosen.setProperty("jdk.pollerMode", "2");
        chosen.setProperty("jdk.httpclient.bufsize", "16384");
        PaygateApplication.applyJdkDefaults(chosen);
        assertThat(chosen.getProperty("jdk.pollerMode")).isEqualTo("2");
        assertThat(chosen.getProperty("jdk.httpclient.bufsize")).isEqualTo("16384");
    }
}
