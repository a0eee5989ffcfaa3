package app.fitsocial.platform.web;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Page sizes come from configuration: the heavy and ordinary defaults and the maximum. */
class PageQueryArgumentResolverTests {

    @SuppressWarnings("unused")
    void endpoint(PageQuery ordinary, @PageLimit(PageLimit.Size.HEAVY) PageQuery heavy) {
    }

    private static PageQuery resolve(WebSettings.Pagination settings, int parameter, String limit) throws Exception {
        Method method = PageQueryArgumentResolverTests.class.getDeclaredMethod("endpoint", PageQuery.class, PageQuery.class);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/anything");
        if (limit != null) {
            request.setParameter("limit", limit);
        }
        return new PageQueryArgumentResolver(settings)
                .resolveArgument(new MethodParameter(method, parameter), null, new ServletWebRequest(request), null);
    }

    @Test
    void usesTheConfiguredDefaultsAndMaximum() throws Exception {
        WebSettings.Pagination standard = new WebSettings.Pagination(20, 10, 100);
        assertThat(resolve(standard, 0, null).limit()).isEqualTo(20);
        assertThat(resolve(standard, 1, null).limit()).isEqualTo(10);
        assertThat(resolve(standard, 1, "100").limit()).isEqualTo(100);

        WebSettings.Pagination small = new WebSettings.Pagination(15, 5, 50);
        assertThat(resolve(small, 0, null).limit()).isEqualTo(15);
        assertThat(resolve(small, 1, null).limit()).isEqualTo(5);
        assertThat(resolve(small, 0, "50").limit()).isEqualTo(50);
        assertThatThrownBy(() -> resolve(small, 0, "51")).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void rejectsDefaultsAboveTheMaximum() {
        assertThatThrownBy(() -> new WebSettings.Pagination(200, 10, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
