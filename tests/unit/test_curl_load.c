/*
 * test_curl_load.c - when libcurl cannot be opened (core/curl_load.c, built
 * here with a library name that is not there), every function of it core
 * calls fails the way libcurl fails without memory or a start, nothing
 * crashes, and curl_easy_strerror() says why.
 */
#define CURL_LIBRARY "libmesos-upgrade-test-no-such-curl.so.4"
#include "../../core/curl_load.c"

#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

static void test_missing_library_fails_cleanly(void **state)
{
	char *part = NULL;
	int running = -1;
	const char *said;

	(void)state;
	assert_int_equal(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_FAILED_INIT);
	assert_null(curl_easy_init());
	assert_null(curl_multi_init());
	assert_null(curl_url());
	assert_null(curl_slist_append(NULL, "a:1:b:2"));
	assert_int_equal(curl_easy_setopt(NULL, CURLOPT_URL, "http://127.0.0.1:5050/"), CURLE_FAILED_INIT);
	assert_int_equal(curl_multi_perform(NULL, &running), CURLM_INTERNAL_ERROR);
	assert_int_equal(curl_url_get(NULL, CURLUPART_HOST, &part, 0), CURLUE_OUT_OF_MEMORY);
	assert_null(part);
	/* the releases do nothing, and do not crash */
	curl_free(NULL);
	curl_slist_free_all(NULL);
	curl_url_cleanup(NULL);
	curl_easy_cleanup(NULL);
	curl_global_cleanup();
	said = curl_easy_strerror(CURLE_FAILED_INIT);
	assert_non_null(strstr(said, "libcurl could not be loaded: "));
	assert_non_null(strstr(said, CURL_LIBRARY));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_library_fails_cleanly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
