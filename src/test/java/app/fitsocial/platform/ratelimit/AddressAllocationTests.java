package app.fitsocial.platform.ratelimit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-address limits are keyed by the unit addresses are handed out in. */
class AddressAllocationTests {

    @Test
    void anIpv4AddressIsItsOwnAllocation() {
        assertThat(AddressAllocation.of("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(AddressAllocation.of("203.0.113.8")).isNotEqualTo(AddressAllocation.of("203.0.113.7"));
    }

    @Test
    void ipv4CarriedInIpv6IsThatIpv4Address() {
        assertThat(AddressAllocation.of("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(AddressAllocation.of("[::ffff:cb00:7107]")).isEqualTo("203.0.113.7");
        assertThat(AddressAllocation.of("64:ff9b::203.0.113.7")).isEqualTo("203.0.113.7");
        // 6to4: the whole 2002:cb00:7107::/48 belongs to whoever holds 203.0.113.7
        assertThat(AddressAllocation.of("2002:cb00:7107:1::1")).isEqualTo("203.0.113.7");
        assertThat(AddressAllocation.of("2002:cb00:7107:ffff::abcd")).isEqualTo("203.0.113.7");
    }

    @Property
    void everyAddressOfAnIpv6SlashSixtyFourSharesOneKey(@ForAll @IntRange(min = 0, max = 0xffff) int a,
            @ForAll @IntRange(min = 0, max = 0xffff) int b, @ForAll @IntRange(min = 0, max = 0xffff) int c) {
        String address = "2001:db8:7:1:" + Integer.toHexString(a) + ":" + Integer.toHexString(b) + ":"
                + Integer.toHexString(c) + ":1";
        assertThat(AddressAllocation.of(address)).isEqualTo("2001:db8:7:1::/64");
        assertThat(AddressAllocation.of("2001:0db8:0007:0001::" + Integer.toHexString(a))).isEqualTo("2001:db8:7:1::/64");
    }

    @Test
    void neighbouringIpv6NetworksAreApart() {
        assertThat(AddressAllocation.of("2001:db8:7:2::1")).isEqualTo("2001:db8:7:2::/64");
        assertThat(AddressAllocation.of("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
    }

    @Test
    void whatIsNotAnAddressIsItsOwnKeyAndNeverLookedUp() {
        assertThat(AddressAllocation.of("unknown")).isEqualTo("unknown");
        assertThat(AddressAllocation.of("999.1.1.1")).isEqualTo("999.1.1.1");
        assertThat(AddressAllocation.of("localhost")).isEqualTo("localhost");
    }
}
