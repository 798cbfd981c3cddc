/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <sys/stat.h>

#include "testutil.h"
#include "lib/file.h"

static void
test_commit(void **st)
{
	char dir[] = "/tmp/bbt-unit-dir.XXXXXX", path[128], got[64] = "";
	struct bbt_afile a;
	struct stat sb;
	FILE *fp;

	(void)st;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out.pdf", dir);
	assert_int_equal(bbt_afile_open(&a, path), 0);
	fputs("content", a.fp);
	/* Not there until committed. */
	assert_int_equal(stat(path, &sb), -1);
	assert_int_equal(bbt_afile_commit(&a), 0);
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_non_null(fgets(got, sizeof(got), fp));
	fclose(fp);
	assert_string_equal(got, "content");
	/* An aborted rewrite leaves the old file and no temporary. */
	assert_int_equal(bbt_afile_open(&a, path), 0);
	fputs("half", a.fp);
	bbt_afile_abort(&a);
	fp = fopen(path, "r");
	assert_non_null(fgets(got, sizeof(got), fp));
	fclose(fp);
	assert_string_equal(got, "content");
	unlink(path);
	assert_int_equal(rmdir(dir), 0);	/* empty: no temporary left */
}

static void
test_errors(void **st)
{
	struct bbt_afile a;

	(void)st;
	assert_int_equal(bbt_afile_open(&a, "/nonexistent/dir/x.pdf"), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(bbt_afile_open(&a, "-"), 0);
	assert_ptr_equal(a.fp, stdout);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests_name("file", tests, NULL, NULL);
}
