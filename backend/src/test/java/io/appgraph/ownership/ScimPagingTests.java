package io.appgraph.ownership;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScimPagingTests {

    @Test
    void defaultsToTheFirstFullPage() throws BadRequestException {
        assertThat(ScimPaging.of(null, null, 200)).isEqualTo(new ScimPaging(1, 200));
    }

    @Test
    void countIsCappedAndNeverNegative() throws BadRequestException {
        assertThat(ScimPaging.of("1", "10000", 200).count()).isEqualTo(200);
        assertThat(ScimPaging.of("1", "-5", 200).count()).isZero();
    }

    @Test
    void startIndexIsOneBasedAndBelowOneMeansOne() throws BadRequestException {
        assertThat(ScimPaging.of("0", "5", 200)).isEqualTo(new ScimPaging(1, 5));
        assertThat(ScimPaging.of("11", "5", 200).skip()).isEqualTo(10);
    }

    @Test
    void aWordIsNotANumber() {
        assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> ScimPaging.of("one", null, 200))
            .withMessageContaining("startIndex must be a whole number");
    }

}
