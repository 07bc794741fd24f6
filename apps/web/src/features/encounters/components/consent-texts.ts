import type { ConsentLanguage } from '@begegnung/domain';

/**
 * Participant-facing consent explanation. German is the source text. The other languages are
 * unreviewed drafts: the sheet marks them as placeholders until a qualified translator has
 * checked them (set `reviewed: true` only then). Layout and writing direction are real.
 */
export interface ConsentText {
  language: string;
  reviewed: boolean;
  title: string;
  intro: string;
  purposes: { follow_up_contact: string; named_statistics: string; photos: string };
  rights: string;
  sign: string;
}

export const CONSENT_TEXTS: Record<ConsentLanguage, ConsentText> = {
  de: {
    language: 'Deutsch',
    reviewed: true,
    title: 'Einwilligung in die Verarbeitung Ihrer Angaben',
    intro:
      'Das Nachbarschaftszentrum notiert, dass Sie an Angeboten teilnehmen. Wir speichern nur einen Code, auf Wunsch einen Vornamen oder Spitznamen, Ihre Sprachen und die Größe Ihres Haushalts. Wir speichern keinen Nachnamen, keine Staatsangehörigkeit, keine Religion und keine Gesundheitsdaten.',
    purposes: {
      follow_up_contact:
        'Kontakt: Wir dürfen Sie namentlich bei Angeboten eintragen und uns bei Ihnen melden, wenn wir Sie länger nicht gesehen haben.',
      named_statistics:
        'Statistik: Ihre Teilnahme darf in Auswertungen für die Stadt gezählt werden (nur zusammengefasst, nie mit Namen).',
      photos:
        'Fotos: Wir dürfen Fotos von Veranstaltungen, auf denen Sie zu sehen sind, für das Zentrum verwenden.',
    },
    rights:
      'Die Einwilligung ist freiwillig und gilt 12 Monate. Sie können sie jederzeit ohne Nachteile widerrufen – ein Wort an die Mitarbeitenden genügt. Ohne Einwilligung können Sie alle Angebote genauso nutzen; Sie werden dann nur anonym gezählt.',
    sign: 'Datum, Unterschrift oder Zeichen',
  },
  ar: {
    language: 'العربية',
    reviewed: false,
    title: 'الموافقة على معالجة بياناتك',
    intro:
      'يسجّل مركز الحيّ مشاركتك في الأنشطة. نحفظ فقط رمزاً، واسماً أول أو لقباً إن رغبت، واللغات التي تتحدثها وعدد أفراد أسرتك. لا نحفظ اسم العائلة ولا الجنسية ولا الدين ولا البيانات الصحية.',
    purposes: {
      follow_up_contact:
        'التواصل: يجوز لنا تسجيل اسمك في الأنشطة والتواصل معك إذا لم نرك لفترة طويلة.',
      named_statistics:
        'الإحصاء: يجوز احتساب مشاركتك في تقارير المدينة (بشكل مجمّع فقط، ودون ذكر اسمك أبداً).',
      photos: 'الصور: يجوز لنا استخدام صور الفعاليات التي تظهر فيها لأغراض المركز.',
    },
    rights:
      'الموافقة طوعية وصالحة لمدة 12 شهراً. يمكنك سحبها في أي وقت دون أي ضرر، تكفي كلمة للموظفين. بدون موافقة يمكنك المشاركة في جميع الأنشطة بنفس الطريقة، وسيتم احتسابك بشكل مجهول فقط.',
    sign: 'التاريخ، التوقيع أو علامة',
  },
  fa: {
    language: 'دری / فارسی',
    reviewed: false,
    title: 'رضایت به پردازش اطلاعات شما',
    intro:
      'مرکز محله شرکت شما در برنامه‌ها را ثبت می‌کند. ما فقط یک کد، در صورت تمایل نام کوچک یا لقب، زبان‌های شما و تعداد افراد خانوار را ذخیره می‌کنیم. نام خانوادگی، تابعیت، دین و اطلاعات سلامتی ذخیره نمی‌شود.',
    purposes: {
      follow_up_contact:
        'تماس: ما می‌توانیم نام شما را در برنامه‌ها ثبت کنیم و اگر مدتی شما را ندیدیم با شما تماس بگیریم.',
      named_statistics:
        'آمار: شرکت شما می‌تواند در گزارش‌های شهر شمرده شود (فقط به صورت کلی، هرگز با نام).',
      photos:
        'عکس‌ها: ما می‌توانیم از عکس‌های برنامه‌ها که شما در آن‌ها دیده می‌شوید برای مرکز استفاده کنیم.',
    },
    rights:
      'این رضایت داوطلبانه است و ۱۲ ماه اعتبار دارد. شما می‌توانید هر زمان بدون هیچ ضرری آن را پس بگیرید؛ یک کلمه به کارکنان کافی است. بدون رضایت هم می‌توانید از همه برنامه‌ها استفاده کنید؛ فقط به صورت ناشناس شمرده می‌شوید.',
    sign: 'تاریخ، امضا یا علامت',
  },
  uk: {
    language: 'Українська',
    reviewed: false,
    title: 'Згода на обробку ваших даних',
    intro:
      'Центр сусідства фіксує вашу участь у заходах. Ми зберігаємо лише код, за бажанням ім’я або псевдонім, мови, якими ви володієте, і кількість членів домогосподарства. Ми не зберігаємо прізвище, громадянство, релігію чи дані про здоров’я.',
    purposes: {
      follow_up_contact:
        'Контакт: ми можемо записувати ваше ім’я на заходах і зв’язатися з вами, якщо довго вас не бачили.',
      named_statistics:
        'Статистика: вашу участь можна враховувати у звітах для міста (лише узагальнено, ніколи з іменем).',
      photos: 'Фото: ми можемо використовувати для центру фотографії із заходів, на яких ви є.',
    },
    rights:
      'Згода є добровільною і діє 12 місяців. Ви можете будь-коли відкликати її без жодних наслідків – достатньо сказати працівникам. Без згоди ви можете так само користуватися всіма пропозиціями; вас лише рахуватимуть анонімно.',
    sign: 'Дата, підпис або знак',
  },
  tr: {
    language: 'Türkçe',
    reviewed: false,
    title: 'Bilgilerinizin işlenmesine onay',
    intro:
      'Mahalle merkezi etkinliklere katılımınızı kaydeder. Yalnızca bir kod, isterseniz bir ad veya takma ad, konuştuğunuz diller ve hanenizdeki kişi sayısı saklanır. Soyadı, vatandaşlık, din veya sağlık bilgisi saklanmaz.',
    purposes: {
      follow_up_contact:
        'İletişim: Sizi etkinliklere adınızla kaydedebilir ve uzun süre görmediğimizde sizinle iletişime geçebiliriz.',
      named_statistics:
        'İstatistik: Katılımınız belediye raporlarında sayılabilir (yalnızca toplu olarak, asla adınızla değil).',
      photos: 'Fotoğraflar: Göründüğünüz etkinlik fotoğraflarını merkez için kullanabiliriz.',
    },
    rights:
      'Onay gönüllüdür ve 12 ay geçerlidir. İstediğiniz zaman hiçbir olumsuzluk yaşamadan geri alabilirsiniz; çalışanlara söylemeniz yeterlidir. Onay vermeden de tüm etkinliklere aynı şekilde katılabilirsiniz; yalnızca anonim olarak sayılırsınız.',
    sign: 'Tarih, imza veya işaret',
  },
  ti: {
    language: 'ትግርኛ',
    reviewed: false,
    title: 'ንምስራሕ ሓበሬታኹም ፍቓድ',
    intro:
      'ማእከል ጎረባብቲ ተሳትፎኹም ኣብ መደባት ይምዝግብ። ኮድ ጥራይ፣ እንተደሊኹም ቀዳማይ ስም ወይ ሳጓ፣ ቋንቋታትኩምን ብዝሒ ስድራቤትኩምን ንዕቅብ። ስም ኣቦሓጎ፣ ዜግነት፣ ሃይማኖት ወይ ናይ ጥዕና ሓበሬታ ኣይንዕቅብን።',
    purposes: {
      follow_up_contact: 'ርክብ፡ ስምኩም ኣብ መደባት ክንምዝግብን ንነዊሕ እዋን እንተዘይረኣናኹም ክንረኽበኩምን ንኽእል።',
      named_statistics: 'ስታቲስቲክስ፡ ተሳትፎኹም ኣብ ጸብጻባት ከተማ ክቑጸር ይኽእል (ብሓፈሻ ጥራይ፣ ብስም ፈጺሙ ኣይኮነን)።',
      photos: 'ስእልታት፡ ንስኻትኩም ዘለኹምዎም ስእልታት መደባት ንማእከል ክንጥቀመሉ ንኽእል።',
    },
    rights:
      'እዚ ፍቓድ ብድሌት እዩ፣ ን 12 ኣዋርሕ ይጸንሕ። ኣብ ዝኾነ ግዜ ብዘይ ጉድኣት ክትስሕብዎ ትኽእሉ ኢኹም። ብዘይ ፍቓድ ውን ኩሉ መደባት ክትጥቀሙ ትኽእሉ ኢኹም፣ ብዘይ ስም ጥራይ ክትቁጸሩ ኢኹም።',
    sign: 'ዕለት፣ ፊርማ ወይ ምልክት',
  },
  ku: {
    language: 'کوردی (سۆرانی)',
    reviewed: false,
    title: 'ڕەزامەندی بۆ بەکارهێنانی زانیارییەکانت',
    intro:
      'سەنتەری گەڕەک بەشداربوونت لە چالاکییەکان تۆمار دەکات. تەنها کۆدێک، ئەگەر بتەوێت ناوی یەکەم یان نازناوێک، ئەو زمانانەی قسەیان پێ دەکەیت و ژمارەی ئەندامانی خێزانەکەت هەڵدەگرین. ناوی خێزان، ڕەگەزنامە، ئایین یان زانیاری تەندروستی هەڵناگرین.',
    purposes: {
      follow_up_contact:
        'پەیوەندی: دەتوانین ناوت لە چالاکییەکان تۆمار بکەین و ئەگەر ماوەیەکی زۆر نەمانبینیت پەیوەندیت پێوە بکەین.',
      named_statistics:
        'ئامار: بەشداربوونت دەکرێت لە ڕاپۆرتەکانی شارەوانی بژمێردرێت (تەنها بە گشتی، هەرگیز بە ناو نا).',
      photos: 'وێنە: دەتوانین وێنەی چالاکییەکان کە تۆی تێدایت بۆ سەنتەرەکە بەکاربهێنین.',
    },
    rights:
      'ڕەزامەندی خۆبەخشانەیە و ١٢ مانگ دەمێنێتەوە. هەر کاتێک بتەوێت بێ هیچ زیانێک دەتوانیت بیکشێنیتەوە. بێ ڕەزامەندیش دەتوانیت بەشداری هەموو چالاکییەکان بکەیت؛ تەنها بە نەناسراوی دەژمێردرێیت.',
    sign: 'بەروار، واژۆ یان نیشانە',
  },
};
