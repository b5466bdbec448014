package sandbox

import (
	"fmt"
	"net/http"
)

// message is one server sentence in both languages the vendor localises to.
type message struct{ en, ar string }

func (m message) in(r *http.Request, args ...any) string {
	if arabic(r) {
		return fmt.Sprintf(m.ar, args...)
	}
	return fmt.Sprintf(m.en, args...)
}

var (
	msgTenant = message{"The tenant credentials are not valid.",
		"بيانات الجهة غير صحيحة."}
	msgApplicant = message{"No applicant with this ID was found.",
		"لم يتم العثور على مقدم طلب بهذا الرقم."}
	msgSessionExpired = message{"The session has expired. Start a new update request.",
		"انتهت صلاحية الجلسة. ابدأ طلب تحديث جديدا."}
	msgTokenReplaced = message{"This session token was replaced by a newer one.",
		"تم استبدال رمز الجلسة هذا برمز أحدث."}
	msgWrongPassword = message{"The password is incorrect. Attempts left: %d.",
		"كلمة المرور غير صحيحة. المحاولات المتبقية: %d."}
	msgLocked = message{"Too many wrong passwords: this update request is locked. Start a new one later.",
		"تم قفل طلب التحديث بسبب تكرار إدخال كلمة مرور خاطئة. حاول لاحقا."}
	msgPasswordFirst = message{"Verify the customer's password before uploading the passport.",
		"يجب التحقق من كلمة المرور قبل رفع جواز السفر."}
	msgUploadFirst = message{"Upload the passport image before approving.",
		"يجب رفع صورة جواز السفر قبل الاعتماد."}
	msgAlreadyApproved = message{"This passport update has already been approved.",
		"تم اعتماد تحديث جواز السفر مسبقا."}
	msgStepNotAllowed = message{"The passport step is not part of this update request.",
		"خطوة جواز السفر ليست ضمن طلب التحديث هذا."}
	msgEmailMethod = message{"This tenant verifies updates with an email code, not a password.",
		"تتحقق هذه الجهة من التحديثات برمز عبر البريد الإلكتروني وليس بكلمة المرور."}
	msgOCRFailed = message{"The passport could not be read. Make sure the whole data page is visible, flat and well lit, then try again.",
		"تعذرت قراءة جواز السفر. تأكد من ظهور صفحة البيانات كاملة وبإضاءة جيدة ثم حاول مجددا."}
	msgUnreadable = message{"The image could not be read. Upload a JPEG or PNG scan of the passport data page.",
		"تعذرت قراءة الصورة. ارفع صورة JPEG أو PNG لصفحة بيانات الجواز."}
	msgTooSmall = message{"The image is too small to read (%d×%d pixels). Scan the data page at 1000 pixels wide or more.",
		"الصورة صغيرة جدا للقراءة (%d×%d بكسل). امسح صفحة البيانات بعرض 1000 بكسل أو أكثر."}
	msgTooLarge = message{"The request body is larger than %s.",
		"حجم الطلب أكبر من %s."}
	msgOCRSucceeded = message{"Passport read successfully.",
		"تمت قراءة جواز السفر بنجاح."}
)
